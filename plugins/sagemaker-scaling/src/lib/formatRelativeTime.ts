/**
 * "3 s ago", "12 min ago", "5 h ago", "2 d ago": short, stable strings for freshness
 * and activity times.
 * @internal
 */
export function formatRelativeTime(then: number, now: number): string {
  const delta = Math.round((now - then) / 1000);
  // Up to a minute ahead is clock skew between browser and server: call it now-ish.
  if (delta < -60) {
    return `in ${formatSpan(-delta)}`;
  }
  return `${formatSpan(Math.max(0, delta))} ago`;
}

function formatSpan(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h`;
  }
  return `${Math.floor(hours / 24)} d`;
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
