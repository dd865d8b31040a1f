/**
 * Reads of a resource: list (selectors, paging with continue tokens) and watch (initial
 * ADDED events or a replay from a resourceVersion, selectors that move objects in and out).
 */
import { KubeStatusError } from './KubeStatusError';
import type { ResourceDefinition } from './crds';
import type {
  KubeObject,
  ObjectStore,
  StoreEvent,
  StoreWatch,
} from './ObjectStore';
import type { ListOptions, ListResult, WatchOptions } from './resourceApiTypes';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** A page of a resource's objects that match the selectors. @internal */
export function listObjects(
  store: ObjectStore,
  def: ResourceDefinition,
  namespace: string | undefined,
  options: ListOptions = {},
): ListResult {
  const labelMatch = parseLabelSelector(options.labelSelector);
  const fieldMatch = parseFieldSelector(options.fieldSelector);
  let items = store
    .list(def.key, def.namespaced ? namespace : undefined)
    .filter(o => labelMatch(o) && fieldMatch(o));
  let resourceVersion = String(store.resourceVersion);
  if (options.continueToken) {
    let token: { rv: string; after: string };
    try {
      token = JSON.parse(
        Buffer.from(options.continueToken, 'base64').toString('utf8'),
      );
    } catch {
      throw new KubeStatusError(400, 'continue key is not valid');
    }
    resourceVersion = token.rv;
    items = items.filter(
      o => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > token.after,
    );
  }
  if (options.limit && options.limit > 0 && items.length > options.limit) {
    const page = items.slice(0, options.limit);
    const last = page[page.length - 1];
    const continueToken = Buffer.from(
      JSON.stringify({
        rv: resourceVersion,
        after: `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
      }),
    ).toString('base64');
    return {
      items: page,
      resourceVersion,
      continueToken,
      remaining: items.length - page.length,
    };
  }
  return { items, resourceVersion };
}

/**
 * Watches a resource. With `resourceVersion` undefined or '0' the current objects
 * come first as ADDED events; otherwise events after that version are replayed
 * (410 Gone when it is too old).
 * @internal
 */
export function watchObjects(
  store: ObjectStore,
  def: ResourceDefinition,
  namespace: string | undefined,
  options: WatchOptions,
  onEvent: (event: StoreEvent) => void,
  onClose: () => void,
): StoreWatch {
  const labelMatch = parseLabelSelector(options.labelSelector);
  const fieldMatch = parseFieldSelector(options.fieldSelector);
  const ns = def.namespaced ? namespace : undefined;
  const matches = (o: KubeObject) =>
    (ns === undefined || o.metadata.namespace === ns) &&
    labelMatch(o) &&
    fieldMatch(o);
  const rvText = options.resourceVersion;
  let from: number | undefined;
  // With a selector, an object that stops matching is DELETED for this watch and one
  // that starts matching is ADDED, as the API server does.
  const filtered = Boolean(options.labelSelector || options.fieldSelector);
  const seen = new Set<string>();
  const keyOf = (o: KubeObject) =>
    `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  if (rvText && rvText !== '0') {
    from = Number(rvText);
    if (!Number.isInteger(from) || from < 0) {
      throw new KubeStatusError(400, `invalid resource version "${rvText}"`);
    }
    // Resuming: what the client already has is approximated by what matches now.
    if (filtered) {
      for (const object of store.list(def.key, ns)) {
        if (matches(object)) seen.add(keyOf(object));
      }
    }
  } else {
    for (const object of store.list(def.key, ns)) {
      if (matches(object)) {
        seen.add(keyOf(object));
        onEvent({
          type: 'ADDED',
          object,
          resourceVersion: Number(object.metadata.resourceVersion),
        });
      }
    }
  }
  return store.watch(
    def.key,
    from,
    event => {
      if (!filtered) {
        if (matches(event.object)) onEvent(event);
        return;
      }
      const key = keyOf(event.object);
      const matching = event.type !== 'DELETED' && matches(event.object);
      if (matching) {
        onEvent({ ...event, type: seen.has(key) ? 'MODIFIED' : 'ADDED' });
        seen.add(key);
      } else if (
        seen.delete(key) ||
        (event.type === 'DELETED' && matches(event.object))
      ) {
        onEvent({ ...event, type: 'DELETED' });
      }
    },
    onClose,
  );
}
