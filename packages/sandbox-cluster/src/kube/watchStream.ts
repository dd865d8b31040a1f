/**
 * A watch as a streamed response: the events of ResourceApi's watch as JSON lines (or
 * Table rows), BOOKMARKs, `timeoutSeconds`, and 410 Gone as an ERROR event.
 */
import type http from 'node:http';
import type { ResourceDefinition } from './crds';
import { KubeStatusError } from './KubeStatusError';
import type { StoreEvent } from './ObjectStore';
import type { ResourceApi } from './ResourceApi';
import { watchEventJson } from './serialize';
import { toTable } from './tables';

/** What a watch stream reads. @internal */
export interface WatchContext {
  api: ResourceApi;
  /** Real milliseconds between BOOKMARK events of watches that allow them. */
  bookmarkIntervalMs: number;
  /** Simulated time (ms), for AGE columns. */
  now: () => number;
}

/** Streams a watch of `def` to `res` until either side ends it. @internal */
export function streamWatch(
  ctx: WatchContext,
  res: http.ServerResponse,
  def: ResourceDefinition,
  namespace: string | undefined,
  q: URLSearchParams,
  table: boolean,
) {
  const api = ctx.api;
  const allowBookmarks = q.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = q.get('timeoutSeconds')
    ? Number(q.get('timeoutSeconds'))
    : undefined;
  let headersSent = false;
  let ended = false;
  let first = true;
  const timers: NodeJS.Timeout[] = [];
  let watch: { stop(): void } | undefined;
  const startStream = () => {
    if (headersSent) return;
    headersSent = true;
    res.writeHead(200, {
      'content-type': table
        ? 'application/json;as=Table;v=v1;g=meta.k8s.io'
        : 'application/json',
      'cache-control': 'no-cache, private',
    });
    // Clients wait for the headers before they consider the watch started.
    res.flushHeaders();
  };
  const write = (type: string, object: unknown, stored = false) => {
    if (ended) return;
    startStream();
    res.write(watchEventJson(type, object, stored));
  };
  const end = () => {
    if (ended) return;
    ended = true;
    timers.forEach(t => clearTimeout(t));
    watch?.stop();
    startStream();
    res.end();
  };
  const onEvent = (event: StoreEvent) => {
    const object = table
      ? toTable(def, [event.object], {
          now: ctx.now(),
          resourceVersion: String(event.resourceVersion),
          includeObject: q.get('includeObject') ?? undefined,
          noHeaders: !first,
        })
      : event.object;
    first = false;
    write(event.type, object, !table);
  };
  try {
    watch = api.watch(
      def,
      namespace,
      {
        resourceVersion: q.get('resourceVersion') ?? undefined,
        labelSelector: q.get('labelSelector') ?? undefined,
        fieldSelector: q.get('fieldSelector') ?? undefined,
      },
      onEvent,
      end,
    );
  } catch (e) {
    if (e instanceof KubeStatusError && e.code === 410) {
      // As the API server does: 200 and an ERROR event carrying the 410 Status.
      write('ERROR', e.toStatus());
      end();
      return;
    }
    throw e;
  }
  startStream();
  if (allowBookmarks) {
    const bookmark = () => {
      write('BOOKMARK', {
        kind: def.kind,
        apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
        metadata: { resourceVersion: String(api.store.resourceVersion) },
      });
      timers.push(setTimeout(bookmark, ctx.bookmarkIntervalMs).unref());
    };
    timers.push(setTimeout(bookmark, ctx.bookmarkIntervalMs).unref());
  }
  if (timeoutSeconds && timeoutSeconds > 0) {
    timers.push(setTimeout(end, timeoutSeconds * 1000).unref());
  }
  // The response closes when the client goes away (a request's own 'close' only means
  // its body was read).
  res.on('close', end);
}
