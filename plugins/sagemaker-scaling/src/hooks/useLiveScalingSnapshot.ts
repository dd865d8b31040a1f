import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';
import { abortableSleep } from '../lib/abortableSleep';
import { ExponentialBackoff } from '../lib/ExponentialBackoff';

/**
 * How the data arrives: `connecting` until the stream opens, `live` while it is open,
 * `polling` after it failed (with backoff) until it can be reopened.
 * @public
 */
export type LiveConnectionState = 'connecting' | 'live' | 'polling';

/** Timings of {@link useLiveScalingSnapshot}; the defaults suit people, tests shorten them. @public */
export interface LiveScalingOptions {
  /** Poll interval while the stream is down and polls succeed. Default 5 s. */
  pollIntervalMs?: number;
  /** Upper bound of the poll interval after repeated failures. Default 60 s. */
  maxPollIntervalMs?: number;
  /** How long to poll before reopening a stream that failed. Default 30 s, doubling up to 5 min. */
  streamRetryMs?: number;
}

/** What {@link useLiveScalingSnapshot} returns. @public */
export interface LiveScalingSnapshot {
  /** The latest snapshot; kept while a later read fails, so nothing flickers. */
  snapshot?: ScalingSnapshot;
  /** The error of the latest read; cleared by the next success. */
  error?: Error;
  /** True until the first snapshot or error arrives. */
  loading: boolean;
  connection: LiveConnectionState;
  /** When the data was last confirmed current (snapshot, heartbeat or poll), epoch ms. */
  lastUpdatedAt?: number;
  /** Shows a snapshot obtained elsewhere (e.g. the answer to an update). */
  replaceSnapshot(snapshot: ScalingSnapshot): void;
}

interface State {
  snapshot?: ScalingSnapshot;
  error?: Error;
  connection: LiveConnectionState;
  lastUpdatedAt?: number;
}

const MAX_STREAM_RETRY_MS = 5 * 60_000;

/**
 * Follows the scaling state of an entity: the backend's event stream delivers the first
 * snapshot and every change; when the stream fails, polls the snapshot with exponential
 * backoff and reopens the stream later. The last snapshot stays while refreshing or
 * failing.
 * @public
 */
export function useLiveScalingSnapshot(
  entityRef: CompoundEntityRef,
  options: LiveScalingOptions = {},
): LiveScalingSnapshot {
  const api = useApi(sagemakerScalingApiRef);
  const [state, setState] = useState<State>({ connection: 'connecting' });
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const { kind, namespace, name } = entityRef;

  useEffect(() => {
    const ref = { kind, namespace, name };
    const {
      pollIntervalMs = 5_000,
      maxPollIntervalMs = 60_000,
      streamRetryMs = 30_000,
    } = optionsRef.current;
    const controller = new AbortController();
    const { signal } = controller;
    setState({ connection: 'connecting' });

    const accept = (snapshot: ScalingSnapshot) => {
      if (!signal.aborted) {
        setState(prev => ({
          ...prev,
          snapshot,
          error: undefined,
          lastUpdatedAt: Date.now(),
        }));
      }
    };
    const fail = (error: unknown) => {
      if (!signal.aborted) {
        setState(prev => ({
          ...prev,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      }
    };
    const setConnection = (connection: LiveConnectionState) => {
      if (!signal.aborted) {
        setState(prev =>
          prev.connection === connection ? prev : { ...prev, connection },
        );
      }
    };

    async function follow() {
      const streamRetry = new ExponentialBackoff(
        streamRetryMs,
        MAX_STREAM_RETRY_MS,
      );
      const poll = new ExponentialBackoff(pollIntervalMs, maxPollIntervalMs);
      while (!signal.aborted) {
        let delivered = false;
        try {
          // The stream's first message is the current snapshot: no read before it.
          await api.followSnapshots(ref, {
            signal,
            onOpen: () => setConnection('live'),
            onSnapshot: snapshot => {
              delivered = true;
              setConnection('live');
              accept(snapshot);
            },
            onError: fail,
            onHeartbeat: () => {
              delivered = true;
              setConnection('live');
              if (!signal.aborted) {
                setState(prev => ({ ...prev, lastUpdatedAt: Date.now() }));
              }
            },
          });
        } catch (error) {
          if (signal.aborted) {
            return;
          }
          // The stream's failure is not shown: polling below reports the real state.
        }
        if (signal.aborted) {
          return;
        }
        setConnection('polling');
        if (delivered) {
          streamRetry.reset();
        }
        // A stream that worked and ended (e.g. a backend restart) is reopened after one
        // poll; one that failed is retried later and later.
        const reopenAt = Date.now() + (delivered ? 0 : streamRetry.fail());
        // The first poll at once, so that a page without data shows the real state.
        for (let first = true; first || Date.now() < reopenAt; first = false) {
          if (!first) {
            await abortableSleep(poll.delayMs, signal);
          }
          if (signal.aborted) {
            return;
          }
          try {
            accept(await api.getSnapshot(ref, { signal }));
            poll.reset();
          } catch (error) {
            if (signal.aborted) {
              return;
            }
            fail(error);
            poll.fail();
          }
        }
      }
    }

    follow();
    return () => controller.abort();
  }, [api, kind, namespace, name]);

  const replaceSnapshot = useCallback((snapshot: ScalingSnapshot) => {
    setState(prev => ({
      ...prev,
      snapshot,
      error: undefined,
      lastUpdatedAt: Date.now(),
    }));
  }, []);

  return {
    ...state,
    loading: !state.snapshot && !state.error,
    replaceSnapshot,
  };
}
