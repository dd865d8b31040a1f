import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  RecordedScalingSettings,
  SettingChange,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';
import { historyMatchesSettings } from '../lib/recordedSettingsDiff';

/** Changes per page of the history. @internal */
export const HISTORY_PAGE_SIZE = 10;

/**
 * Waits before asking again when the history lags the live settings: the backend
 * records an out-of-band change shortly after its watch sees it, so the snapshot that
 * announces the change can arrive before the record exists.
 */
const CATCH_UP_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/** The change history of one variant as the timeline shows it. @internal */
export interface SettingChanges {
  /** Newest first. */
  items: SettingChange[];
  /** True until the first page arrived (or failed). */
  loading: boolean;
  /** Why the first page could not be read. */
  error?: Error;
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "load more" failed. */
  moreError?: Error;
  loadMore(): void;
  /** Reads the newest page again (after an error, or after a revert). */
  reload(): void;
}

/**
 * Pages through a variant's change history, newest first, and reads the newest page
 * again whenever `settingsVersion` changes (the live stream saw the settings change),
 * retrying a few times while the newest record does not yet end at `currentSettings`.
 * @internal
 */
export function useSettingChanges(
  entityRef: CompoundEntityRef,
  variantName: string | undefined,
  settingsVersion: string | undefined,
  currentSettings: RecordedScalingSettings | undefined,
): SettingChanges {
  const api = useApi(sagemakerScalingApiRef);
  const { kind, namespace, name } = entityRef;
  const [items, setItems] = useState<SettingChange[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error>();
  const [reloads, setReloads] = useState(0);
  const currentRef = useRef(currentSettings);
  currentRef.current = currentSettings;
  // The list as last rendered, and whose it is: another entity or variant starts over.
  const known = useRef<{
    scope: string;
    items: SettingChange[];
    version?: string;
  }>({ scope: '', items: [] });
  const scope = JSON.stringify([kind, namespace, name, variantName]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A new settingsVersion of the same variant means a change the history must show.
    const settingsChanged =
      known.current.scope === scope &&
      known.current.version !== settingsVersion;
    if (known.current.scope !== scope) {
      known.current = { scope, items: [], version: settingsVersion };
      setItems([]);
      setCursor(undefined);
      setLoading(true);
      setMoreError(undefined);
    }
    const read = async (attempt: number) => {
      try {
        const page = await api.getHistory(
          { kind, namespace, name },
          { variantName, limit: HISTORY_PAGE_SIZE },
        );
        if (cancelled) return;
        setError(undefined);
        const before = known.current.items;
        const newest = before[0]?.id ?? 0;
        const fresh = page.items.filter(c => c.id > newest);
        // More new changes than a page: what follows is unknown, so start the list over.
        const next =
          before.length === 0 || fresh.length === page.items.length
            ? page.items
            : [...fresh, ...before];
        if (next === page.items) setCursor(page.nextCursor);
        known.current = { scope, items: next, version: settingsVersion };
        setItems(next);
        const current = currentRef.current;
        const latest = page.items[0];
        const lagging = latest
          ? !historyMatchesSettings(latest.after, current ?? {})
          : settingsChanged;
        if (current && lagging && attempt < CATCH_UP_DELAYS_MS.length) {
          timer = setTimeout(
            () => read(attempt + 1),
            CATCH_UP_DELAYS_MS[attempt],
          );
        }
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    void read(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [
    api,
    kind,
    namespace,
    name,
    variantName,
    scope,
    settingsVersion,
    reloads,
  ]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.getHistory(
        { kind, namespace, name },
        { variantName, limit: HISTORY_PAGE_SIZE, cursor },
      );
      // Another variant was chosen meanwhile: this page is not its history.
      if (known.current.scope !== scope) return;
      const before = known.current.items;
      const ids = new Set(before.map(c => c.id));
      const next = [...before, ...page.items.filter(c => !ids.has(c.id))];
      known.current = { ...known.current, items: next };
      setItems(next);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoadingMore(false);
    }
  }, [api, kind, namespace, name, variantName, scope, cursor]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  return {
    items,
    loading,
    error,
    hasMore: Boolean(cursor),
    loadingMore,
    moreError,
    loadMore: () => void loadMore(),
    reload,
  };
}
