/**
 * `/pat …`: parse, then either answer in the ack (help, parse errors) or ack at once and answer
 * on the `response_url` after the work (so the 3-second ack never waits for Azure DevOps).
 */
import { listenerLog } from '../listener-log';
import type { Logger } from '../../../core/logger';
import type { App, SlashCommand } from '@slack/bolt';
import { parseCommand } from '../../../core/commands/parse-command';
import { reportUnexpected } from '../../../core/unexpected-error';
import { errorMessage } from '../auth-replies';
import { isBotDm } from '../dm-detector';
import { correlationIdOf } from '../request-correlation';
import { quickReply, runCommand, type CommandInput } from '../run-command';
import { replaceFromCommand } from './replace-modal';
import type { SlackServices } from '../slack-services';
import { resolveSlackUser } from '../slack-user';

/**
 * Runs a command and posts the reply on `response_url`, ephemeral unless in the person's bot DM.
 * The Slack end of the one error funnel: an unexpected error is logged with the request's
 * correlation id and the reply names the same id.
 */
export async function answerCommand(
  s: SlackServices,
  input: CommandInput,
  requestLog: Logger = s.deps.logger.child({ component: 'slack' }),
  correlationId: string = correlationIdOf(undefined),
): Promise<void> {
  const log = requestLog.child({ teamId: input.ids.teamId });
  const parsed = parseCommand(input.text, { implicitPat: true, prefix: s.options.command });
  let reply;
  try {
    reply = await runCommand(s, input, parsed);
  } catch (error) {
    const coded = reportUnexpected(log, error, correlationId, { command: parsed.kind });
    reply = { message: errorMessage(coded, s.options.command, correlationId), personal: false };
  }
  let responseType: 'ephemeral' | 'in_channel' = 'ephemeral';
  if (reply.personal && input.channelId.startsWith('D')) {
    const user = await resolveSlackUser(s.deps.store, input.ids);
    const deps = { store: s.deps.store, sender: s.sender, logger: log };
    if (await isBotDm(deps, user.id, input.ids, input.channelId)) responseType = 'in_channel';
  }
  await s.respond(input.responseUrl, reply.message, { responseType, replaceOriginal: reply.replaceOriginal });
}

export function registerSlashCommand(app: App, s: SlackServices): void {
  app.command(s.options.command, async ({ command, ack, context }) => {
    const body: SlashCommand = command;
    const parsed = parseCommand(body.text ?? '', { implicitPat: true, prefix: s.options.command });
    const quick = quickReply(
      parsed,
      s.options.command,
      s.deps.config.sandbox,
      s.deps.config.ado.renewDefaultDays,
    );
    if (quick) {
      await ack({ response_type: 'ephemeral', text: quick.text, blocks: quick.blocks });
      return;
    }
    await ack();
    if (parsed.kind === 'recreate' || parsed.kind === 'rotate') {
      // The modal must open within the trigger's 3 seconds: before anything is looked up.
      await replaceFromCommand(
        s,
        {
          ids: { teamId: body.team_id, slackUserId: body.user_id },
          triggerId: body.trigger_id,
          responseUrl: body.response_url,
          target: parsed.target,
          mode: parsed.kind,
        },
        listenerLog(context, s.deps.logger),
        correlationIdOf(context),
      );
      return;
    }
    await answerCommand(
      s,
      {
        ids: { teamId: body.team_id, slackUserId: body.user_id },
        channelId: body.channel_id,
        responseUrl: body.response_url,
        text: body.text ?? '',
        channelName: body.channel_name,
      },
      listenerLog(context, s.deps.logger),
      correlationIdOf(context),
    );
  });
}
