import type { Config } from '@backstage/config';
import { NOTIFIED_FINDINGS, type NotifiedFinding } from './ownerAlerts';

/** `sagemakerScaling.notifications.*`, read once with the defaults. @internal */
export interface NotificationSettings {
  /** Undefined: on when the app has the notifications backend plugin. */
  enabled?: boolean;
  findings: NotifiedFinding[];
  /** How long a variant stays at its maximum before its owners hear of it. */
  atMaxForMs: number;
  /** Time between evaluations. */
  intervalMs: number;
}

/**
 * Reads `sagemakerScaling.notifications.*`; an unknown finding code or a negative
 * threshold is an error naming the field.
 * @internal
 */
export function readNotificationSettings(config: Config): NotificationSettings {
  const key = 'sagemakerScaling.notifications';
  const findings =
    config.getOptionalStringArray(`${key}.findings`) ?? NOTIFIED_FINDINGS;
  for (const code of findings) {
    if (!(NOTIFIED_FINDINGS as readonly string[]).includes(code)) {
      throw new Error(
        `Invalid config ${key}.findings: '${code}' is not one of ${NOTIFIED_FINDINGS.join(
          ', ',
        )}`,
      );
    }
  }
  const atMaxForMinutes =
    config.getOptionalNumber(`${key}.atMaxForMinutes`) ?? 15;
  if (!(atMaxForMinutes >= 0)) {
    throw new Error(
      `Invalid config ${key}.atMaxForMinutes: must be a number >= 0, got ${atMaxForMinutes}`,
    );
  }
  const intervalSeconds =
    config.getOptionalNumber(`${key}.intervalSeconds`) ?? 30;
  if (!(intervalSeconds > 0)) {
    throw new Error(
      `Invalid config ${key}.intervalSeconds: must be a number > 0, got ${intervalSeconds}`,
    );
  }
  return {
    enabled: config.getOptionalBoolean(`${key}.enabled`),
    findings: findings as NotifiedFinding[],
    atMaxForMs: atMaxForMinutes * 60_000,
    intervalMs: intervalSeconds * 1000,
  };
}
