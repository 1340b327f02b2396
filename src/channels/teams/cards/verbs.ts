/** `Action.Execute` verbs patbot's Teams cards use. */
export const VERBS = {
  list: 'pat.list',
  renew: 'pat.renew',
  revoke: 'pat.revoke',
  confirmRevoke: 'pat.confirmRevoke',
  snooze: 'pat.snooze',
} as const;

export type CardVerb = (typeof VERBS)[keyof typeof VERBS];

/** Id of the date input under one PAT's Renew choices. */
export function renewDateInputId(patId: string): string {
  return `renewDate-${patId}`;
}
