import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ScalingSettings } from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';
import type { ScalingPlanResponse } from '../api/planTypes';

/** Wait after the last keystroke before replaying, so typing does not flood the backend. */
export const PLAN_DEBOUNCE_MS = 600;

/** State of {@link useScalingPlan}. @internal */
export interface ScalingPlanState {
  loading: boolean;
  plan?: ScalingPlanResponse;
  error?: Error;
  /** Asks again for the same settings (e.g. after an error, once there is traffic). */
  retry(): void;
}

/**
 * The replay of `settings` beside the variant's current settings, fetched once the
 * settings stopped changing for {@link PLAN_DEBOUNCE_MS}; without settings (the form is
 * invalid) nothing is asked and the last answer is dropped.
 * @internal
 */
export function useScalingPlan(
  entityRef: CompoundEntityRef,
  variantName: string,
  settings: ScalingSettings | undefined,
  options: {
    /** Hours of recorded traffic to replay (the route's default when absent). */
    hours?: number;
    /** Also ask for the cheapest setting within this many minutes above target. */
    suggest?: { maxMinutesAboveTarget: number };
  } = {},
): ScalingPlanState {
  const { hours, suggest } = options;
  const api = useApi(sagemakerScalingApiRef);
  const [state, setState] = useState<Omit<ScalingPlanState, 'retry'>>({
    loading: false,
  });
  // Bumped by retry: the same request again, since the backend's answer may have changed
  // (a fresh endpoint has no Invocations in CloudWatch until traffic arrives).
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  // Objects are rebuilt on every render: the request's JSON says whether it changed.
  const key = settings
    ? JSON.stringify({ entityRef, variantName, settings, hours, suggest })
    : undefined;

  useEffect(() => {
    if (!key) {
      setState({ loading: false });
      return undefined;
    }
    const request = JSON.parse(key);
    const controller = new AbortController();
    setState(prev => ({ ...prev, loading: true }));
    const timer = setTimeout(() => {
      api
        .planScaling(
          request.entityRef,
          {
            variantName: request.variantName || undefined,
            settings: request.settings,
            ...(request.hours ? { hours: request.hours } : {}),
            ...(request.suggest ? { suggest: request.suggest } : {}),
          },
          { signal: controller.signal },
        )
        .then(
          plan => setState({ loading: false, plan }),
          error => {
            if (!controller.signal.aborted) {
              setState({ loading: false, error });
            }
          },
        );
    }, PLAN_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, attempt]);

  return { ...state, retry };
}
