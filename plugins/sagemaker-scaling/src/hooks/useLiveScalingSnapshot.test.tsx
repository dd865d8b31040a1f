import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { sagemakerScalingApiRef } from '../api';
import {
  backendError,
  FakeSageMakerScalingApi,
} from '../__testUtils__/FakeSageMakerScalingApi';
import {
  atMaxCapacitySnapshot,
  inServiceSnapshot,
} from '../__fixtures__/snapshots';
import {
  useLiveScalingSnapshot,
  type LiveScalingOptions,
} from './useLiveScalingSnapshot';

const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'churn-prediction',
};

function renderLive(api: FakeSageMakerScalingApi, options: LiveScalingOptions) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <TestApiProvider apis={[[sagemakerScalingApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(() => useLiveScalingSnapshot(entityRef, options), {
    wrapper,
  });
}

const countCalls = (api: FakeSageMakerScalingApi, method: string) =>
  api.calls.filter(c => c.method === method).length;

describe('useLiveScalingSnapshot', () => {
  it('follows the stream: live, with each pushed snapshot and heartbeats', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    const { result, unmount } = renderLive(api, {});
    await waitFor(() => expect(result.current.connection).toBe('live'));
    expect(result.current.snapshot).toEqual(inServiceSnapshot);
    expect(result.current.loading).toBe(false);
    // The stream's first message is the snapshot: no separate read before it.
    expect(api.calls.map(c => c.method)).toEqual(['followSnapshots']);

    act(() => api.push(atMaxCapacitySnapshot));
    expect(result.current.snapshot).toBe(atMaxCapacitySnapshot);

    const before = result.current.lastUpdatedAt!;
    await new Promise(resolve => setTimeout(resolve, 5));
    act(() => api.heartbeat());
    expect(result.current.lastUpdatedAt).toBeGreaterThan(before);

    unmount();
    expect(api.openStreams).toBe(0);
  });

  it('stays loading until the stream delivers, then shows that snapshot', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.sendSnapshotOnOpen = false;
    const { result, unmount } = renderLive(api, {});
    await waitFor(() => expect(result.current.connection).toBe('live'));
    expect(result.current.loading).toBe(true);
    act(() => api.push(atMaxCapacitySnapshot));
    expect(result.current.snapshot).toBe(atMaxCapacitySnapshot);
    expect(result.current.loading).toBe(false);
    expect(countCalls(api, 'getSnapshot')).toBe(0);
    unmount();
  });

  it('reads the snapshot at once when the stream cannot be opened', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.streamError = new Error('proxy buffers event streams');
    // Long intervals: only the immediate fallback read can deliver within the test.
    const { result, unmount } = renderLive(api, {
      pollIntervalMs: 60_000,
      streamRetryMs: 60_000,
    });
    await waitFor(() =>
      expect(result.current.snapshot).toEqual(inServiceSnapshot),
    );
    expect(result.current.connection).toBe('polling');
    expect(api.calls.map(c => c.method)).toEqual([
      'followSnapshots',
      'getSnapshot',
    ]);
    unmount();
  });

  it('polls when the stream fails, backs off while polls fail, and keeps the last data', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.streamError = new Error('proxy buffers event streams');
    const { result, unmount } = renderLive(api, {
      pollIntervalMs: 10,
      maxPollIntervalMs: 40,
      streamRetryMs: 10_000,
    });
    await waitFor(() => expect(result.current.connection).toBe('polling'));
    await waitFor(() =>
      expect(countCalls(api, 'getSnapshot')).toBeGreaterThan(2),
    );
    expect(result.current.snapshot).toEqual(inServiceSnapshot);

    // Polls now fail: the error shows, the data stays, and polling slows down.
    api.readError = await backendError(
      503,
      'ServiceUnavailableError',
      'cluster down',
    );
    await waitFor(() => expect(result.current.error?.message).toMatch(/503/));
    expect(result.current.snapshot).toEqual(inServiceSnapshot);
    const failingSince = countCalls(api, 'getSnapshot');
    await new Promise(resolve => setTimeout(resolve, 500));
    const failedPolls = countCalls(api, 'getSnapshot') - failingSince;
    // At 10 ms without backoff that would be ~50 polls; with backoff capped at 40 ms, ~13.
    expect(failedPolls).toBeGreaterThan(1);
    expect(failedPolls).toBeLessThan(20);

    // Recovery clears the error and returns to the fast interval.
    api.readError = undefined;
    api.snapshot = atMaxCapacitySnapshot;
    await waitFor(() =>
      expect(result.current.snapshot).toBe(atMaxCapacitySnapshot),
    );
    expect(result.current.error).toBeUndefined();
    unmount();
  });

  it('reopens the stream after polling for a while', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.streamError = new Error('stream refused');
    const { result, unmount } = renderLive(api, {
      pollIntervalMs: 10,
      streamRetryMs: 50,
    });
    await waitFor(() => expect(result.current.connection).toBe('polling'));
    api.streamError = undefined;
    await waitFor(() => expect(result.current.connection).toBe('live'));
    expect(countCalls(api, 'followSnapshots')).toBeGreaterThanOrEqual(2);
    unmount();
  });

  it('reconnects after a stream that worked is closed by the server', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    const { result, unmount } = renderLive(api, {
      pollIntervalMs: 10,
      streamRetryMs: 60_000,
    });
    await waitFor(() => expect(result.current.connection).toBe('live'));
    act(() => api.dropStreams());
    await waitFor(() => expect(countCalls(api, 'followSnapshots')).toBe(2));
    await waitFor(() => expect(result.current.connection).toBe('live'));
    unmount();
  });

  it('reports the first error when there is no data at all', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.readError = await backendError(403, 'NotAllowedError', 'Unauthorized');
    api.streamError = api.readError;
    const { result, unmount } = renderLive(api, { pollIntervalMs: 1000 });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.snapshot).toBeUndefined();
    expect(result.current.error?.message).toMatch(/403/);
    unmount();
  });

  it('shows a snapshot handed to it, e.g. the answer to an update', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    const { result, unmount } = renderLive(api, {});
    await waitFor(() => expect(result.current.snapshot).toBeDefined());
    act(() => result.current.replaceSnapshot(atMaxCapacitySnapshot));
    expect(result.current.snapshot).toBe(atMaxCapacitySnapshot);
    unmount();
  });
});
