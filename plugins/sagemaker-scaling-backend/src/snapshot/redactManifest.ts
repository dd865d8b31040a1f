/**
 * The one place manifests are made safe to return: every summary (and so every snapshot,
 * whether answered over REST, after an update or on the event stream) goes through it.
 */

/** What replaces a redacted value; the key stays, so people see that it is set. @internal */
export const REDACTED = '<redacted>';

/**
 * Annotations that repeat a whole earlier manifest, environment values included
 * (`kubectl apply` writes the first). Their value is replaced, the key kept.
 */
const REDACTED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
]);

/** Copies the watch cache holds: already redacted, and never changed (it replaces them). */
const CACHED_COPIES = new WeakSet<object>();

/**
 * Marks a copy {@link redactManifest} made as held by the watch cache, which replaces
 * its objects rather than changing them: redactManifest then hands it back as it is,
 * and snapshots share it instead of copying five manifests per request (they leave the
 * process only as JSON). Under tests the copy is deep-frozen too, so any code that
 * changed a cached object would fail there; in production freezing would cost a fifth
 * of snapshot throughput (measured in the backend bench).
 * @internal
 */
export function markCachedCopy<T extends object>(copy: T): T {
  if (process.env.NODE_ENV === 'test') deepFreeze(copy);
  CACHED_COPIES.add(copy);
  return copy;
}

function deepFreeze(value: unknown) {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * A copy of a manifest without what can carry secrets: `metadata.managedFields` (it
 * can hold field values of every writer), the values of annotations that copy a whole
 * manifest, and the values of every container environment (`environment` maps of ACK
 * containers, `env` lists of Kubernetes containers) wherever they are nested. The input
 * is not changed.
 * @internal
 */
export function redactManifest<T extends object>(manifest: T): T {
  if (CACHED_COPIES.has(manifest)) return manifest;
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return redactEnvironments(manifest) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(manifest)) {
    out[key] =
      key === 'metadata' && child && typeof child === 'object'
        ? redactMetadata(child as Record<string, unknown>)
        : redactEnvironments(child);
  }
  return out as T;
}

/**
 * Metadata without managedFields and with whole-manifest annotations replaced. Built by
 * leaving them out rather than deleting them afterwards: a `delete` turns the object into
 * a dictionary, which the watch cache would hold at half again the memory per object.
 */
function redactMetadata(metadata: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(metadata)) {
    if (key === 'managedFields') continue;
    if (key === 'annotations' && child && typeof child === 'object') {
      const annotations: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(child)) {
        annotations[name] = REDACTED_ANNOTATIONS.has(name) ? REDACTED : value;
      }
      out[key] = annotations;
    } else {
      out[key] = redactEnvironments(child);
    }
  }
  return out;
}

/** Deep copy with the values of environment maps and env lists replaced. */
function redactEnvironments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactEnvironments);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'environment' && child && typeof child === 'object') {
      // ACK ContainerDefinition: { NAME: value }
      out[key] = Array.isArray(child)
        ? child.map(redactEnvEntry)
        : Object.fromEntries(Object.keys(child).map(k => [k, REDACTED]));
    } else if (key === 'env' && Array.isArray(child)) {
      // Kubernetes container: [{ name, value | valueFrom }]
      out[key] = child.map(redactEnvEntry);
    } else {
      out[key] = redactEnvironments(child);
    }
  }
  return out;
}

function redactEnvEntry(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object') return REDACTED;
  const { name } = entry as { name?: unknown };
  return name === undefined ? { value: REDACTED } : { name, value: REDACTED };
}
