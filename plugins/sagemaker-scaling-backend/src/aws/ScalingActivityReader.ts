import {
  ApplicationAutoScalingClient,
  DescribeScalingActivitiesCommand,
  type ScalingActivity as AwsScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import type {
  ScalingActivity,
  ScalingActivityStatusCode,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { BackgroundRefreshQueue } from './BackgroundRefreshQueue';

/** One scalable target, as Application Auto Scaling identifies it. */
export interface ScalableTargetKey {
  resourceId: string;
  scalableDimension: string;
}

/** Reads scaling activities, not-scaled ones included; the seam tests replace. @internal */
export interface ScalingActivitySource {
  /** Activities of one scalable target, most recent first. Throws when AAS is unreachable. */
  activitiesFor(target: ScalableTargetKey): Promise<ScalingActivity[]>;
}

/** Pages read per target; AAS keeps six weeks of activities, we show the recent part. */
const MAX_PAGES = 5;
const PAGE_SIZE = 50;

/**
 * Scaling activities from Application Auto Scaling, fetched on demand per scalable
 * target, cached briefly and with concurrent requests for the same target shared; once
 * read, a target is answered from memory and refreshed in the background.
 * @internal
 */
export class ScalingActivityReader implements ScalingActivitySource {
  readonly #client: Pick<ApplicationAutoScalingClient, 'send'>;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #refreshes: BackgroundRefreshQueue;
  readonly #cache = new Map<
    string,
    {
      expiresAt: number;
      value: Promise<ScalingActivity[]>;
      /** A background refresh is queued or running. */
      refreshing?: boolean;
    }
  >();

  constructor(options: {
    client: Pick<ApplicationAutoScalingClient, 'send'>;
    ttlMs?: number;
    timeoutMs?: number;
    /** Background refreshes at once (default 4); more wait, de-duplicated per target. */
    refreshConcurrency?: number;
  }) {
    this.#client = options.client;
    this.#refreshes = new BackgroundRefreshQueue({
      concurrency: options.refreshConcurrency,
    });
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  activitiesFor(target: ScalableTargetKey): Promise<ScalingActivity[]> {
    const key = `${target.resourceId}|${target.scalableDimension}`;
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) {
      return cached.value;
    }
    if (cached) {
      // Expired: answer with what we have and refresh in the background (bounded, one
      // per target), so a request never waits for AWS after the first one.
      if (!cached.refreshing) {
        cached.refreshing = this.#refreshes.request(key, () =>
          this.#refresh(key, target),
        );
      }
      return cached.value;
    }
    const value = this.#fetch(target);
    this.#cache.set(key, { expiresAt: now + this.#ttlMs, value });
    // Failures are not cached: the next request tries again.
    value.catch(() => {
      if (this.#cache.get(key)?.value === value) this.#cache.delete(key);
    });
    this.#evictExpired(now);
    return value;
  }

  async #refresh(key: string, target: ScalableTargetKey) {
    const next = this.#fetch(target);
    try {
      await next;
      this.#cache.set(key, {
        expiresAt: Date.now() + this.#ttlMs,
        value: next,
      });
    } catch {
      // AWS failed: the next request waits for a fresh try and reports it.
      this.#cache.delete(key);
    }
  }

  async #fetch(target: ScalableTargetKey): Promise<ScalingActivity[]> {
    const result: ScalingActivity[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.#client.send(
        new DescribeScalingActivitiesCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: target.resourceId,
          ScalableDimension: target.scalableDimension as any,
          MaxResults: PAGE_SIZE,
          NextToken: nextToken,
          // Also the decisions not to scale, with their reason codes: the explanation's evidence.
          IncludeNotScaledActivities: true,
        }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      result.push(...(out.ScalingActivities ?? []).map(toActivity));
      nextToken = out.NextToken;
      if (!nextToken) break;
    }
    return result.sort(
      (a, b) =>
        b.startTime.localeCompare(a.startTime) ||
        b.activityId.localeCompare(a.activityId),
    );
  }

  /** Forgets targets nobody asked about for a long time, so the map cannot grow forever. */
  #evictExpired(now: number) {
    if (this.#cache.size < 10_000) return;
    for (const [key, entry] of this.#cache) {
      if (entry.expiresAt + 30 * this.#ttlMs <= now && !entry.refreshing)
        this.#cache.delete(key);
    }
  }
}

function toActivity(a: AwsScalingActivity): ScalingActivity {
  return {
    activityId: a.ActivityId ?? '',
    resourceId: a.ResourceId ?? '',
    scalableDimension: a.ScalableDimension ?? '',
    description: a.Description ?? '',
    cause: a.Cause ?? '',
    statusCode: (a.StatusCode ?? 'Pending') as ScalingActivityStatusCode,
    statusMessage: a.StatusMessage,
    startTime: toIso(a.StartTime) ?? new Date(0).toISOString(),
    endTime: toIso(a.EndTime),
    details: a.Details,
    ...(a.NotScaledReasons?.length
      ? {
          notScaledReasons: a.NotScaledReasons.map(r => ({
            code: r.Code ?? '',
            currentCapacity: r.CurrentCapacity,
            minCapacity: r.MinCapacity,
            maxCapacity: r.MaxCapacity,
          })),
        }
      : {}),
  };
}

function toIso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  return new Date(value).toISOString();
}
