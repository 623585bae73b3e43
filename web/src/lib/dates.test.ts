import { daysLeft, expectedPace, periodBounds, relativeDay } from './dates';

describe('dates', () => {
  it('runs a period from the start of its first day to the end of its last', () => {
    const { start, end } = periodBounds('2026-01-01', '2026-01-10');
    expect(new Date(start).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect((end - start) / 86_400_000).toBe(10);
  });

  it('counts the days left', () => {
    expect(daysLeft('2026-01-10', Date.parse('2026-01-09T12:00:00Z'))).toBe(2);
    expect(daysLeft('2026-01-10', Date.parse('2026-02-01T00:00:00Z'))).toBe(0);
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(relativeDay('2026-03-10T08:00:00Z', now)).toBe('today');
    expect(relativeDay('2026-03-09T08:00:00Z', now)).toBe('yesterday');
    expect(relativeDay('2026-03-01T08:00:00Z', now)).toBe('9 days ago');
    expect(relativeDay('2025-12-01T08:00:00Z', now)).toBe('Dec 1, 2025');
  });

  it('draws the expected pace from baseline to target across the period', () => {
    expect(expectedPace('2026-01-01', '2026-01-10', 8, 5)).toEqual([
      { time: Date.parse('2026-01-01T00:00:00Z'), value: 8 },
      { time: Date.parse('2026-01-11T00:00:00Z'), value: 5 },
    ]);
  });
});
