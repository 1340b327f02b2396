/**
 * A tiny botbuilder bot on loopback, to prove the Playground harness without patbot: it echoes
 * text, answers `card` with an Adaptive Card whose `Action.Execute` button replaces the card, and
 * can send a proactive message to the last conversation it saw.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type ConversationReference,
  type Request as BotRequest,
  type Response as BotResponse,
} from 'botbuilder';

export interface EchoBot {
  url: string;
  /** Sends `text` to the last conversation that wrote to the bot. */
  sendProactive(text: string): Promise<void>;
  close(): Promise<void>;
}

function card(title: string, withButton: boolean): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: title, weight: 'Bolder', wrap: true }],
    actions: withButton ? [{ type: 'Action.Execute', title: 'Press me', verb: 'press', data: { n: 1 } }] : [],
  };
}

/** Adapts node:http to botbuilder's minimal Response. */
function botResponse(res: ServerResponse): BotResponse {
  return {
    socket: res.socket,
    status: (code: number) => {
      res.statusCode = code;
    },
    header: (name: string, value: unknown) => res.setHeader(name, String(value)),
    send: (body?: unknown) => {
      if (body === undefined) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) res.write(body);
      else {
        res.setHeader('Content-Type', 'application/json');
        res.write(JSON.stringify(body));
      }
    },
    end: () => res.end(),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  let lastReference: Partial<ConversationReference> | undefined;

  const logic = async (ctx: TurnContext): Promise<void> => {
    const activity = ctx.activity;
    if (activity.type === ActivityTypes.Message) {
      lastReference = TurnContext.getConversationReference(activity);
      const text = (activity.text ?? '').trim();
      if (text === 'card') {
        await ctx.sendActivity({
          attachments: [
            { contentType: 'application/vnd.microsoft.card.adaptive', content: card('A card', true) },
          ],
        });
      } else {
        await ctx.sendActivity(`echo: ${text}`);
      }
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
      await ctx.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: {
            statusCode: 200,
            type: 'application/vnd.microsoft.card.adaptive',
            value: card('Pressed: card replaced', false),
          },
        },
      });
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readJson(req);
        const request: BotRequest = { body, headers: req.headers, method: req.method };
        await adapter.process(request, botResponse(res), logic);
      } catch (error) {
        if (!res.headersSent) res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async sendProactive(text: string) {
      if (!lastReference) throw new Error('echo bot: no conversation yet');
      await adapter.continueConversationAsync('', lastReference, async (ctx) => {
        await ctx.sendActivity(text);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
