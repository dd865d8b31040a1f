/**
 * The suggestion sweep: replays candidate targets (and maxima) over the endpoint's own
 * traffic and proposes the cheapest whose instances stay busy beyond a limit for no more
 * minutes than the caller allows.
 */
import { validateScalingSettings } from '../manifests';
import type { ScalingSettings, ValidationIssue } from '../manifests';
import { PlannerInputError } from './PlannerInputError';
import { replayMinuteSeries } from './replayMinuteSeries';
import { toMinuteSeries } from './toMinuteSeries';
import type { ScalingReplayInput, ScalingReplaySummary } from './types';
import {
  validatePlannerSettings,
  validateReplayConditions,
} from './validateReplayInput';

/** Most candidates one sweep replays, to bound its time (about 10 ms each for 14 days). @public */
export const MAX_SUGGESTION_CANDIDATES = 500;

/** Default sweep: the current target x 0.5, 0.55, ..., 1.5. */
const DEFAULT_TARGET_FACTORS = Array.from(
  { length: 21 },
  (_, i) => 0.5 + i * 0.05,
);

/** Input of {@link suggestScalingSettings}. @public */
export interface ScalingSuggestionInput
  extends Omit<ScalingReplayInput, 'settings' | 'loadLimitPerInstance'> {
  /** The settings now; candidates vary their target (and maximum) only. */
  current: ScalingSettings;
  /** Most minutes a candidate may spend above `loadLimitPerInstance` to be acceptable. */
  maxMinutesAboveLimit: number;
  /**
   * Invocations per minute one instance serves well (default: the current target). Every
   * candidate is measured against this one limit, not against its own target.
   */
  loadLimitPerInstance?: number;
  /** Targets to try (default: the current target x 0.5 to 1.5 in steps of 0.05). */
  candidateTargets?: number[];
  /** Maxima to try (default: the current maximum). */
  candidateMaxCapacities?: number[];
}

/** One evaluated candidate. @public */
export interface ScalingSuggestionCandidate {
  settings: ScalingSettings;
  summary: ScalingReplaySummary;
  /** Whether its minutes above the limit stay within `maxMinutesAboveLimit`. */
  acceptable: boolean;
}

/** Output of {@link suggestScalingSettings}. @public */
export interface ScalingSuggestion {
  /** The current settings' replay, for reference. */
  current: ScalingReplaySummary;
  /** Every candidate, in the order tried. */
  candidates: ScalingSuggestionCandidate[];
  /** The cheapest acceptable candidate; absent when none is acceptable. */
  pick?: ScalingSuggestionCandidate;
  /** Why this pick, or why none. */
  reason: string;
  loadLimitPerInstance: number;
}

const round = (value: number) => Number(value.toPrecision(4));

/** Issues of one list of candidate values, checked by the rule of `field`. */
function candidateIssues(
  values: number[] | undefined,
  listField: string,
  field: 'targetValue' | 'maxCapacity',
  current: ScalingSettings,
): ValidationIssue[] {
  if (values === undefined) return [];
  if (!Array.isArray(values) || values.length === 0) {
    return [
      { field: listField, message: `${listField} must be a non-empty array` },
    ];
  }
  return values.flatMap((value, i) =>
    validateScalingSettings({ ...current, [field]: value })
      .filter(issue => issue.field === field)
      .map(issue => ({
        field: `${listField}[${i}]`,
        message: `${listField}[${i}]: ${issue.message}`,
      })),
  );
}

function describe(settings: ScalingSettings, summary: ScalingReplaySummary) {
  const cost =
    summary.monthlyCostUsd === undefined
      ? ''
      : ` ($${summary.monthlyCostUsd.toFixed(2)} a month)`;
  return `target ${settings.targetValue}, max ${
    settings.maxCapacity
  }: ${summary.instanceHours.toFixed(1)} instance-hours${cost}, ${
    summary.minutesAboveLoadLimit
  } minutes above the limit`;
}

/**
 * Sweeps candidate targets x maxima over the series and picks the cheapest (fewest
 * instance-hours; cost is proportional) whose minutes above `loadLimitPerInstance` are at
 * most `maxMinutesAboveLimit`; ties go to fewer busy minutes, then to the target nearest
 * the current one.
 * @throws {@link PlannerInputError} naming each broken field.
 * @public
 */
export function suggestScalingSettings(
  input: ScalingSuggestionInput,
): ScalingSuggestion {
  const { current } = input;
  const issues = [
    ...validatePlannerSettings(current, 'current'),
    ...validateReplayConditions(input),
  ];
  const allowed = input.maxMinutesAboveLimit;
  if (!Number.isInteger(allowed) || allowed < 0) {
    issues.push({
      field: 'maxMinutesAboveLimit',
      message: `maxMinutesAboveLimit must be a whole number of minutes >= 0, got ${allowed}`,
    });
  }
  if (issues.length === 0) {
    issues.push(
      ...candidateIssues(
        input.candidateTargets,
        'candidateTargets',
        'targetValue',
        current,
      ),
      ...candidateIssues(
        input.candidateMaxCapacities,
        'candidateMaxCapacities',
        'maxCapacity',
        current,
      ),
    );
  }
  const targets = input.candidateTargets ?? [
    ...new Set(DEFAULT_TARGET_FACTORS.map(f => round(current.targetValue * f))),
  ];
  const maxima = input.candidateMaxCapacities ?? [current.maxCapacity];
  if (targets.length * maxima.length > MAX_SUGGESTION_CANDIDATES) {
    issues.push({
      field: 'candidateTargets',
      message: `candidateTargets x candidateMaxCapacities must be at most ${MAX_SUGGESTION_CANDIDATES} candidates, got ${
        targets.length * maxima.length
      }`,
    });
  }
  if (issues.length > 0) throw new PlannerInputError(issues);

  const limit = input.loadLimitPerInstance ?? current.targetValue;
  const series = toMinuteSeries(input.series);
  const replay = (settings: ScalingSettings) =>
    replayMinuteSeries(series, settings, {
      initialInstances: input.initialInstances,
      provisioningDelayMinutes: input.provisioningDelayMinutes,
      price: input.price,
      loadLimitPerInstance: limit,
      detail: false,
    }).summary;

  const candidates: ScalingSuggestionCandidate[] = [];
  for (const maxCapacity of maxima) {
    for (const targetValue of targets) {
      const settings = { ...current, targetValue, maxCapacity };
      const summary = replay(settings);
      candidates.push({
        settings,
        summary,
        acceptable: summary.minutesAboveLoadLimit! <= allowed,
      });
    }
  }
  const currentSummary = replay(current);
  const ranked = candidates
    .filter(c => c.acceptable)
    .sort(
      (a, b) =>
        a.summary.instanceHours - b.summary.instanceHours ||
        a.summary.minutesAboveLoadLimit! - b.summary.minutesAboveLoadLimit! ||
        Math.abs(a.settings.targetValue - current.targetValue) -
          Math.abs(b.settings.targetValue - current.targetValue),
    );
  const pick = ranked[0];
  const rule = `at most ${allowed} minutes above ${limit} invocations per instance`;
  if (!pick) {
    const closest = [...candidates].sort(
      (a, b) =>
        a.summary.minutesAboveLoadLimit! - b.summary.minutesAboveLoadLimit!,
    )[0];
    return {
      current: currentSummary,
      candidates,
      loadLimitPerInstance: limit,
      reason: `None of the ${
        candidates.length
      } candidates keeps ${rule}; the closest is ${describe(
        closest.settings,
        closest.summary,
      )}. Allow more minutes, raise the maximum or lower the target.`,
    };
  }
  return {
    current: currentSummary,
    candidates,
    pick,
    loadLimitPerInstance: limit,
    reason: `The cheapest of ${ranked.length} of ${
      candidates.length
    } candidates that keep ${rule} is ${describe(
      pick.settings,
      pick.summary,
    )}; the current settings: ${describe(current, currentSummary)}.`,
  };
}
