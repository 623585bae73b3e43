const DAY = 24 * 60 * 60 * 1000;

/** Start of the first day and end of the last day of a period, in UTC milliseconds. */
export function periodBounds(startDate: string, endDate: string) {
  return { start: Date.parse(`${startDate}T00:00:00Z`), end: Date.parse(`${endDate}T00:00:00Z`) + DAY };
}

/** Days left in a period (0 once it is over). */
export function daysLeft(endDate: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((periodBounds(endDate, endDate).end - now) / DAY));
}

/** Days until a period starts (0 once it has). */
export function daysUntil(startDate: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((periodBounds(startDate, startDate).start - now) / DAY));
}

/** "today", "yesterday", "3 days ago", or a date for anything older than a month. */
export function relativeDay(iso: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(iso)) / DAY);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  return formatDate(iso);
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

/** The straight line from baseline at the start of the period to target at its end: where the value should be. */
export function expectedPace(startDate: string, endDate: string, baseline: number, target: number) {
  const { start, end } = periodBounds(startDate, endDate);
  return [
    { time: start, value: baseline },
    { time: end, value: target },
  ];
}

/** Today's date as YYYY-MM-DD (UTC). */
export const todayIso = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);
