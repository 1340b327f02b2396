/**
 * The admin watch's parts: the Azure DevOps organisation client (the simulator in sandbox mode),
 * the ports the `pat admin` commands and the audit poller share, and the poll scheduler.
 */
import { AdoAdminClient } from '../ado';
import type { Config } from '../config';
import type { AdminDeps } from '../core/admin/admin-deps';
import type { OrgAdminApi } from '../core/admin/org-admin-api';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Notifier } from '../core/notifier';
import type { Store } from '../core/store';
import type { TokenProvider } from '../core/token-provider';
import { AuditPollScheduler, defaultInstanceId } from '../scheduler';

export interface AdminParts {
  deps: AdminDeps;
  scheduler: AuditPollScheduler;
  /** The notifier exists only once the channels do: set it before the poller starts. */
  useNotifier(notifier: Notifier): void;
}

const NO_NOTIFIER: Notifier = {
  sendDirect: () => Promise.reject(new Error('admin watch: notifier not wired yet')),
  sendChannelDigest: () => Promise.reject(new Error('admin watch: notifier not wired yet')),
};

export function buildAdminParts(input: {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  tokenProvider: TokenProvider;
  /** The Azure DevOps simulator's URL in sandbox mode (it serves every host). */
  simulatorUrl?: string;
  api?: OrgAdminApi;
  fetch?: typeof fetch;
  expiringMaxUsers?: number;
}): AdminParts {
  const { config, logger, clock, store, tokenProvider, simulatorUrl } = input;
  const { ado } = config;
  const api =
    input.api ??
    new AdoAdminClient({
      vsspsBaseUrl: simulatorUrl ?? ado.vsspsBaseUrl,
      auditBaseUrl: simulatorUrl ?? ado.auditBaseUrl,
      devBaseUrl: simulatorUrl ?? ado.devBaseUrl,
      logger: logger.child({ component: 'ado' }),
      clock,
      fetch: input.fetch,
    });
  const deps: AdminDeps = {
    store,
    api,
    tokenProvider,
    notifier: NO_NOTIFIER,
    clock,
    logger: logger.child({ component: 'admin-watch' }),
    pollSeconds: ado.auditPollSeconds,
    digestAt: ado.adminDigestAt,
    instanceId: defaultInstanceId('audit-poll'),
    expiringMaxUsers: input.expiringMaxUsers,
  };
  const scheduler = new AuditPollScheduler({
    ...deps,
    store,
    get notifier() {
      return deps.notifier;
    },
  });
  return {
    deps,
    scheduler,
    useNotifier: (notifier) => {
      deps.notifier = notifier;
    },
  };
}
