import { InputError } from '@backstage/errors';

/** Default of an action's `timeoutMinutes` input. */
const DEFAULT_TIMEOUT_MINUTES = 30;
/** Longest an action waits: one day. */
const MAX_TIMEOUT_MINUTES = 24 * 60;

/**
 * The `timeoutMinutes` input of an action that waits on the cluster, default 30; an
 * InputError naming the field unless it is more than 0 and at most 1440.
 * @internal
 */
export function readTimeoutMinutes(value: number | undefined): number {
  const timeoutMinutes = value ?? DEFAULT_TIMEOUT_MINUTES;
  if (!(timeoutMinutes > 0) || timeoutMinutes > MAX_TIMEOUT_MINUTES) {
    throw new InputError(
      `timeoutMinutes must be more than 0 and at most ${MAX_TIMEOUT_MINUTES} (one day), got ${timeoutMinutes}`,
    );
  }
  return timeoutMinutes;
}
