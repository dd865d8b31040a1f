/**
 * Synthetic, deterministic traffic per endpoint: steady, a daily wave, or recurring
 * spikes, in invocations per minute.
 */

/** The Endpoint annotation that picks a traffic pattern. @public */
export const TRAFFIC_ANNOTATION = 'sandbox.mlplatform.dev/traffic';

/** @public */
export type TrafficPattern = 'steady' | 'wave' | 'spike';

/** Traffic of one endpoint; every field but `pattern` has a default. @public */
export interface TrafficSettings {
  pattern: TrafficPattern;
  /** Invocations per minute when quiet (steady: always). Default 30 (wave: 20). */
  base?: number;
  /** Invocations per minute at the top of a wave or during a spike. Default 240 (wave: 150). */
  peak?: number;
  /** Length of one cycle in minutes. Default 1440 for wave, 120 for spike. */
  periodMinutes?: number;
  /** spike: quiet minutes at the start of each cycle before the spike. Default 10. */
  quietMinutes?: number;
  /** spike: how long a spike lasts in minutes. Default 40. */
  spikeMinutes?: number;
}

/** Checks settings from the admin API or the library; throws naming the field. @internal */
export function checkTrafficSettings(input: unknown): TrafficSettings {
  const s = input as Partial<TrafficSettings> | undefined;
  if (!s || typeof s !== 'object')
    throw new Error('traffic settings must be an object');
  if (!['steady', 'wave', 'spike'].includes(String(s.pattern))) {
    throw new Error(
      `traffic.pattern must be one of steady, wave, spike; got ${JSON.stringify(
        s.pattern,
      )}`,
    );
  }
  for (const field of ['base', 'peak'] as const) {
    const v = s[field];
    if (
      v !== undefined &&
      !(typeof v === 'number' && v >= 0 && Number.isFinite(v))
    ) {
      throw new Error(
        `traffic.${field} must be a number >= 0; got ${JSON.stringify(v)}`,
      );
    }
  }
  for (const field of [
    'periodMinutes',
    'quietMinutes',
    'spikeMinutes',
  ] as const) {
    const v = s[field];
    if (
      v !== undefined &&
      !(
        Number.isInteger(v) &&
        (v as number) >= (field === 'quietMinutes' ? 0 : 1)
      )
    ) {
      throw new Error(
        `traffic.${field} must be a whole number of minutes${
          field === 'quietMinutes' ? ' >= 0' : ' >= 1'
        }; got ${JSON.stringify(v)}`,
      );
    }
  }
  return { ...s, pattern: s.pattern as TrafficPattern };
}

/**
 * Invocations in minute `minute` (counted from when the traffic started).
 * @public
 */
export function invocationsAt(
  settings: TrafficSettings,
  minute: number,
): number {
  switch (settings.pattern) {
    case 'wave': {
      const base = settings.base ?? 20;
      const peak = settings.peak ?? 150;
      const period = settings.periodMinutes ?? 1440;
      const phase = (2 * Math.PI * (minute % period)) / period;
      return Math.round(base + ((peak - base) * (1 - Math.cos(phase))) / 2);
    }
    case 'spike': {
      const base = settings.base ?? 30;
      const peak = settings.peak ?? 240;
      const period = settings.periodMinutes ?? 120;
      const quiet = settings.quietMinutes ?? 10;
      const length = settings.spikeMinutes ?? 40;
      const m = minute % period;
      return m >= quiet && m < quiet + length ? peak : base;
    }
    case 'steady':
    default:
      return settings.base ?? 30;
  }
}
