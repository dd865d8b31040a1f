/**
 * "3 s ago", "12 min ago", "5 h ago", "2 d ago": short, stable strings for freshness
 * and activity times.
 * @internal
 */
export function formatRelativeTime(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.floor(hours / 24)} d ago`;
}

/** Formats an ISO time stamp relative to now; `unknown` when it cannot be parsed. @internal */
export function formatIsoRelative(
  iso: string | undefined,
  now: number,
): string {
  const then = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(then) ? 'unknown' : formatRelativeTime(then, now);
}

/** "300 s (5 min)" style cooldown text. @internal */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '–';
  }
  if (seconds >= 60 && seconds % 60 === 0) {
    return `${seconds} s (${seconds / 60} min)`;
  }
  return `${seconds} s`;
}
