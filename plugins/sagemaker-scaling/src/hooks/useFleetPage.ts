import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FleetPage,
  FleetQuery,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';

/** How often the shown page is read again, so status and load stay current. */
const FLEET_REFRESH_MS = 30_000;

/** State and paging of {@link useFleetPage}. @internal */
export interface FleetPageState {
  /** The page read for the current query and cursor; kept while it is read again. */
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
  // What was read, and for which query and page: rows of another filter or page are
  // never shown as this one's, while a refresh keeps the rows it replaces.
  const [state, setState] = useState<
    Pick<FleetPageState, 'page' | 'error' | 'updatedAt'> & {
      readFor?: string;
      reading: boolean;
    }
  >({ reading: true });
  const readFor = JSON.stringify([key, cursor]);

  useEffect(() => {
    const controller = new AbortController();
    setState(prev => ({ ...prev, reading: true }));
    api
      .getFleet(
        { ...(JSON.parse(key) as FleetQuery), ...(cursor ? { cursor } : {}) },
        { signal: controller.signal },
      )
      .then(
        page =>
          setState({ page, readFor, reading: false, updatedAt: Date.now() }),
        error => {
          if (!controller.signal.aborted) {
            setState(prev => ({
              ...prev,
              ...(prev.readFor === readFor ? {} : { page: undefined }),
              readFor,
              reading: false,
              error,
            }));
          }
        },
      );
    return () => controller.abort();
  }, [api, key, cursor, reads, readFor]);
  const current = state.readFor === readFor;
  const page = current ? state.page : undefined;

  useEffect(() => {
    const timer = setInterval(() => setReads(n => n + 1), refreshIntervalMs);
    return () => clearInterval(timer);
  }, [refreshIntervalMs]);

  const nextCursor = page?.nextCursor;
  const next = useCallback(() => {
    if (nextCursor) setCursors(prev => [...prev, nextCursor]);
  }, [nextCursor]);
  const previous = useCallback(
    () => setCursors(prev => (prev.length > 1 ? prev.slice(0, -1) : prev)),
    [],
  );
  const refresh = useCallback(() => setReads(n => n + 1), []);

  const loading = state.reading || !current;
  return {
    page,
    error: current ? state.error : undefined,
    updatedAt: current ? state.updatedAt : undefined,
    loading,
    pageIndex: cursors.length - 1,
    hasPrevious: cursors.length > 1,
    hasNext: Boolean(nextCursor) && !loading,
    previous,
    next,
    refresh,
  };
}
