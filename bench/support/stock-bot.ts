/**
 * The comparison bot: a plain teams-ai + botbuilder bot as the samples write it (restify,
 * TeamsAdapter, Application with its defaults), with the SAME inbound JWT setup as patbot
 * (BOT_ID set, the bench's channel issuer as OpenID metadata source, connector token from the
 * Entra simulator) and the SAME Azure DevOps calls per `pat list` (the bench passes the URLs and
 * one bearer token). It replies with the PAT names as text: no sign-in, store, signing or card.
 * Compiled with tsconfig.bench.json and started with `node`, like patbot. Prints
 * `stock bot listening on <url>` when ready; stops on SIGTERM.
 */
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { TurnContext } from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import * as restify from 'restify';

const env = process.env;
const adapter = new TeamsAdapter(
  {
    MicrosoftAppId: env.BOT_ID,
    MicrosoftAppTenantId: env.BOT_TENANT_ID,
    MicrosoftAppType: 'SingleTenant',
    ToBotFromChannelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    ToBotFromEmulatorOpenIdMetadataUrl: env.BOT_EMULATOR_OPENID_METADATA_URL,
    ToBotFromChannelTokenIssuer: env.BOT_TOKEN_ISSUER,
    ToChannelFromBotLoginUrl: env.BOT_LOGIN_URL,
    ToChannelFromBotOAuthScope: env.BOT_OAUTH_SCOPE,
    OAuthUrl: env.BOT_OAUTH_URL,
    ValidateAuthority: true,
  },
  // The connector token comes from the Entra simulator, an authority msal must be told to trust
  // (knownAuthorities), exactly as patbot's src/channels/teams/teams-adapter.ts does.
  new MsalServiceClientCredentialsFactory(
    env.BOT_ID ?? '',
    // botframework-connector types its own msal-node copy; the runtime contract is the same.
    new ConfidentialClientApplication({
      auth: {
        clientId: env.BOT_ID ?? '',
        clientSecret: env.BOT_PASSWORD ?? '',
        authority: env.BOT_LOGIN_URL ?? '',
        knownAuthorities: [new URL(env.BOT_LOGIN_URL ?? 'http://invalid').host],
      },
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
    }) as any,
  ),
);

const adoUrls = JSON.parse(env.STOCK_ADO_URLS ?? '[]') as string[];
const adoToken = env.STOCK_ADO_TOKEN ?? '';

async function listPats(): Promise<string[]> {
  const pages = await Promise.all(
    adoUrls.map(async (url) => {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${adoToken}`, accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`Azure DevOps answered ${res.status}`);
      return (await res.json()) as { patTokens?: { displayName?: string; validTo?: string }[] };
    }),
  );
  return pages.flatMap((p) => (p.patTokens ?? []).map((t) => `${t.displayName} (until ${t.validTo})`));
}

const app = new Application<TurnState>({ adapter, botAppId: env.BOT_ID });
app.activity('message', async (context: TurnContext) => {
  const pats = await listPats();
  await context.sendActivity(pats.join('\n'));
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await app.run(context);
  });
});
server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(
    `stock bot listening on http://127.0.0.1:${(server.address() as { port: number }).port}\n`,
  );
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
