/** The reminder a Rotate asked for: "revoke the old PAT now", with its Revoke button (which asks first). */
import type { RevokeDueReminder } from '../../../core/notifier';
import { execute, type AdaptiveCard } from './card-types';
import { messageCard } from './message-card';
import { VERBS } from './verbs';

export function revokeDueCard(reminder: RevokeDueReminder, revokeToken: string): AdaptiveCard {
  return messageCard({
    text: reminder.text,
    tone: 'warning',
    actions: [execute('Revoke the old one', VERBS.revoke, { t: revokeToken })],
  });
}
