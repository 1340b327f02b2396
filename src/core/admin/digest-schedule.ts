/** When the weekly admin digest is due: the latest weekly slot (weekday and UTC time) at or before now. */

export interface WeeklySlot {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const DAY_MS = 86_400_000;

/** The latest moment at or before `now` that falls on `slot` (UTC). */
export function lastSlot(now: Date, slot: WeeklySlot): Date {
  const day = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), slot.hour, slot.minute),
  );
  const back = (now.getUTCDay() - slot.weekday + 7) % 7;
  let at = day.getTime() - back * DAY_MS;
  if (at > now.getTime()) at -= 7 * DAY_MS;
  return new Date(at);
}
