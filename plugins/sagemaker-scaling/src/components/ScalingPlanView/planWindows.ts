/** The windows of recorded traffic the Plan view replays, in hours (the route allows up to 14 days). */
export const PLAN_WINDOWS: { hours: number; label: string }[] = [
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 336, label: '14 days' },
];

/** The window the Plan view starts with. */
export const DEFAULT_PLAN_WINDOW_HOURS = 168;
