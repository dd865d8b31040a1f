import { formatRelativeTime, formatSeconds } from './formatRelativeTime';

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it.each([
    [3_000, '3 s ago'],
    [0, '0 s ago'],
    [-30_000, '0 s ago'],
    [12 * 60_000, '12 min ago'],
    [5 * 3_600_000, '5 h ago'],
    [72 * 3_600_000, '3 d ago'],
    [-3 * 3_600_000, 'in 3 h'],
  ])('%d ms before now reads %s', (msAgo, text) => {
    expect(formatRelativeTime(now - msAgo, now)).toBe(text);
  });

  it('formats cooldowns in seconds and whole minutes', () => {
    expect(formatSeconds(300)).toBe('300 s (5 min)');
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(undefined)).toBe('–');
  });
});
