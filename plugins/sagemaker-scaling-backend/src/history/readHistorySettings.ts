import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How long the change history is kept. @internal */
export interface HistorySettings {
  retentionDays: number;
}

/** Reads `sagemakerScaling.history.*` (retentionDays: a positive number, default 90). @internal */
export function readHistorySettings(config: Config): HistorySettings {
  const key = 'sagemakerScaling.history.retentionDays';
  const retentionDays = config.getOptionalNumber(key) ?? 90;
  if (!(retentionDays > 0)) {
    throw new InputError(`${key}: must be a positive number of days`);
  }
  return { retentionDays };
}
