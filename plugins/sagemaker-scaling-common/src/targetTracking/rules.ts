/**
 * The constants of the target-tracking model, as observed for AWS-created alarms.
 */

/** Consecutive 1-minute datapoints above target before scaling out. @public */
export const TARGET_TRACKING_HIGH_DATAPOINTS = 3;

/** Consecutive 1-minute datapoints well below target before scaling in. @public */
export const TARGET_TRACKING_LOW_DATAPOINTS = 15;

/**
 * The low alarm fires below `targetValue * TARGET_TRACKING_LOW_THRESHOLD_RATIO`
 * ("usually more than 10% lower").
 * @public
 */
export const TARGET_TRACKING_LOW_THRESHOLD_RATIO = 0.9;

/**
 * A single scale-in removes at most this fraction of the capacity (at least one
 * instance): AWS scales in "gradually" without saying by how much; we chose halving.
 * @public
 */
export const TARGET_TRACKING_MAX_SCALE_IN_FRACTION = 0.5;

/** Default cooldowns for SageMaker variants (seconds). @public */
export const TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS = 300;
