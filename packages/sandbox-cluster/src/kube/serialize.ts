/**
 * JSON of stored objects, computed once per object version: stored objects never
 * change (every write stores a new object), so lists and watch fan-out reuse it.
 */
import type { KubeObject } from './ObjectStore';

const cache = new WeakMap<object, string>();

/** `JSON.stringify(object)`, cached for stored (immutable) objects. @internal */
export function objectJson(object: KubeObject): string {
  let json = cache.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    cache.set(object, json);
  }
  return json;
}

/** A list response built from cached item JSON. @internal */
export function listJson(
  head: Record<string, unknown>,
  items: KubeObject[],
): string {
  const start = JSON.stringify({ ...head, items: [] });
  return `${start.slice(0, -3)}[${items.map(objectJson).join(',')}]}`;
}

/** One line of a watch stream. @internal */
export function watchEventJson(
  type: string,
  object: unknown,
  stored: boolean,
): string {
  const body = stored
    ? objectJson(object as KubeObject)
    : JSON.stringify(object);
  return `{"type":${JSON.stringify(type)},"object":${body}}\n`;
}
