/**
 * Application Auto Scaling's scaling activities: what target tracking (or a new limit)
 * did to a target's capacity, recorded by the simulation and described by the API.
 */
import { randomUUID } from 'node:crypto';
import {
  matchesResourceFilter,
  pageOf,
  requireString,
} from './applicationAutoScalingRequests';
import { AasActivity, targetKey } from './applicationAutoScalingTypes';
import { validationError } from './AwsServiceError';

/** @internal */
export class ScalingActivities {
  /** By target key, newest first. */
  readonly byTarget = new Map<string, AasActivity[]>();

  /**
   * DescribeScalingActivities (newest first); not-scaled activities only when
   * `IncludeNotScaledActivities` is true, as in AWS.
   */
  describe(input: any) {
    const ServiceNamespace = requireString(input, 'ServiceNamespace', 32);
    const includeNotScaled = input.IncludeNotScaledActivities ?? false;
    if (typeof includeNotScaled !== 'boolean') {
      throw validationError(
        `1 validation error detected: Value '${includeNotScaled}' at 'includeNotScaledActivities' failed to satisfy constraint: Member must be a boolean`,
      );
    }
    const items = [...this.byTarget.values()]
      .flat()
      .filter(
        a =>
          matchesResourceFilter(a, ServiceNamespace, input) &&
          (includeNotScaled || !a.NotScaledReasons),
      )
      .sort((a, b) => b.StartTime - a.StartTime);
    const { page, NextToken } = pageOf(items, input, 50);
    return { ScalingActivities: page, ...(NextToken ? { NextToken } : {}) };
  }

  /** Records a new activity (newest first). */
  record(activity: Omit<AasActivity, 'ActivityId'>): AasActivity {
    const full: AasActivity = { ActivityId: randomUUID(), ...activity };
    const k = targetKey(activity);
    const list = this.byTarget.get(k) ?? [];
    list.unshift(full);
    // AWS keeps six weeks of activities; the sandbox keeps the latest 1,000 per target.
    if (list.length > 1000) list.length = 1000;
    this.byTarget.set(k, list);
    return full;
  }
}
