import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FleetPage,
  FleetQuery,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';

/** How often the shown page is read again, so status and load stay current. */
export const FLEET_REFRESH_MS = 30_000;

/** State and paging of {@link useFleetPage}. @internal */
export interface FleetPageState {
  /** The last page read; kept while the next one loads or a refresh fails. */
  page?: FleetPage;
  loading: boolean;
  /** The last read's failure, cleared by the next success. */
  error?: Error;
  /** When the shown page was read (ms since epoch). */
  updatedAt?: number;
  /** 0-based number of the shown page. */
  pageIndex: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
  refresh(): void;
}

/**
 * One page of the fleet for `query` (filters and sort; the hook does the paging with the
 * backend's cursors), read again every `refreshIntervalMs`. A new query starts at page 1.
 * @internal
 */
export function useFleetPage(
  query: FleetQuery,
  options?: { refreshIntervalMs?: number },
): FleetPageState {
  const api = useApi(sagemakerScalingApiRef);
  const refreshIntervalMs = options?.refreshIntervalMs ?? FLEET_REFRESH_MS;
  // Objects are rebuilt on every render: the query's JSON says whether it changed.
  const key = JSON.stringify(query);
  // The cursor of every page up to the shown one; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [cursorsKey, setCursorsKey] = useState(key);
  if (cursorsKey !== key) {
    setCursorsKey(key);
    setCursors([undefined]);
  }
  const cursor = cursors[cursors.length - 1];
  const [reads, setReads] = useState(0);
  const [state, setState] = useState<
    Pick<FleetPageState, 'page' | 'loading' | 'error' | 'updatedAt'>
  >({ loading: true });

  useEffect(() => {
    const controller = new AbortController();
    setState(prev => ({ ...prev, loading: true }));
    api
      .getFleet(
        { ...(JSON.parse(key) as FleetQuery), ...(cursor ? { cursor } : {}) },
        { signal: controller.signal },
      )
      .then(
        page => setState({ page, loading: false, updatedAt: Date.now() }),
        error => {
          if (!controller.signal.aborted) {
            setState(prev => ({ ...prev, loading: false, error }));
          }
        },
      );
    return () => controller.abort();
  }, [api, key, cursor, reads]);

  useEffect(() => {
    const timer = setInterval(() => setReads(n => n + 1), refreshIntervalMs);
    return () => clearInterval(timer);
  }, [refreshIntervalMs]);

  const nextCursor = state.page?.nextCursor;
  const next = useCallback(() => {
    if (nextCursor) setCursors(prev => [...prev, nextCursor]);
  }, [nextCursor]);
  const previous = useCallback(
    () => setCursors(prev => (prev.length > 1 ? prev.slice(0, -1) : prev)),
    [],
  );
  const refresh = useCallback(() => setReads(n => n + 1), []);

  return {
    ...state,
    pageIndex: cursors.length - 1,
    hasPrevious: cursors.length > 1,
    hasNext: Boolean(nextCursor) && !state.loading,
    previous,
    next,
    refresh,
  };
}
