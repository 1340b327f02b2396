/**
 * Builds one msal-node ConfidentialClientApplication per operation, bound to one user's
 * encrypted cache partition (msal's DistributedCachePlugin pattern). The authority is declared
 * in `knownAuthorities` and its OpenID metadata is fetched once and handed to every client, so
 * no instance discovery goes to the internet and no per-operation metadata request is made.
 */
import {
  ConfidentialClientApplication,
  DistributedCachePlugin,
  LogLevel,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import type { Logger } from '../core/logger';
import type { EncryptedCacheClient } from './encrypted-cache-client';
import { authorityOf, credentialsOf, type EntraSettings } from './entra-settings';
import { UserPartitionManager } from './partition-manager';

interface OpenIdMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export class MsalFactory {
  private metadata: Promise<string> | null = null;

  constructor(
    private readonly settings: EntraSettings,
    private readonly cacheClient: EncryptedCacheClient,
    private readonly networkClient: INetworkModule,
    private readonly logger: Logger,
  ) {}

  get authority(): string {
    return authorityOf(this.settings);
  }

  /** A client whose token cache is the given partition (or no persistent cache with null). */
  async create(partitionKey: string | null): Promise<ConfidentialClientApplication> {
    const config: Configuration = {
      auth: {
        clientId: this.settings.clientId,
        authority: this.authority,
        knownAuthorities: [new URL(this.settings.authorityHost).host],
        authorityMetadata: await this.authorityMetadata(),
        ...credentialsOf(this.settings),
      },
      system: {
        networkClient: this.networkClient,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => {
            if (level <= LogLevel.Warning) this.logger.debug({ msal: message }, 'msal');
          },
        },
      },
    };
    if (partitionKey !== null) {
      config.cache = {
        cachePlugin: new DistributedCachePlugin(this.cacheClient, new UserPartitionManager(partitionKey)),
      };
    }
    return new ConfidentialClientApplication(config);
  }

  /** The authority's OpenID configuration, fetched once (retried on the next call after a failure). */
  private authorityMetadata(): Promise<string> {
    if (!this.metadata) {
      this.metadata = this.fetchMetadata();
      this.metadata.catch(() => {
        this.metadata = null;
      });
    }
    return this.metadata;
  }

  private async fetchMetadata(): Promise<string> {
    const url = `${this.authority}/v2.0/.well-known/openid-configuration`;
    const res = await this.networkClient.sendGetRequestAsync<OpenIdMetadata>(url);
    const m = res.body;
    if (res.status !== 200 || !m.issuer || !m.token_endpoint || !m.authorization_endpoint || !m.jwks_uri) {
      throw new Error(
        `OpenID configuration at ${url} answered HTTP ${res.status} without the expected fields`,
      );
    }
    if (
      new URL(m.issuer).origin !== new URL(this.settings.authorityHost).origin &&
      !m.issuer.includes('{tenantid}')
    ) {
      throw new Error(`OpenID configuration issuer ${m.issuer} does not share the authority's origin`);
    }
    return JSON.stringify(m);
  }
}
