/** Everything the Slack handlers share, built once by ./slack-channel.ts. */
import type { PatUseCaseDeps } from '../../core/use-cases/deps';
import type { RevokedPats } from './revoked-pats';
import type { ChannelDeps } from '../deps';
import type { PendingCommands } from './pending-commands';
import type { PostResponse } from './response-url';
import type { ResolvedSlackOptions } from './slack-options';
import type { SlackProfiles } from './slack-profile';
import type { SlackSender } from './slack-sender';

export interface SlackServices {
  deps: ChannelDeps;
  options: ResolvedSlackOptions;
  useCases: PatUseCaseDeps;
  /** Web API calls, queued per channel with bounded 429 handling. */
  sender: SlackSender;
  respond: PostResponse;
  pending: PendingCommands;
  profiles: SlackProfiles;
  /** PATs its buttons revoked (a second press says so without a call). */
  revoked: RevokedPats;
}
