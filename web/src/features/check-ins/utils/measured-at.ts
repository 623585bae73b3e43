/** Today in the person's own time zone, as an input of type date writes it (yyyy-mm-dd). */
export function localToday(now = new Date()) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The moment a value "measured on" a day applies to: now for today (the API's default), else noon of that day where
 * the person is, so two check-ins on different days never draw a vertical line and none lands in the future.
 */
export function measuredAtFor(day: string, today = localToday()): string | null {
  return day === today ? null : new Date(`${day}T12:00:00`).toISOString();
}
