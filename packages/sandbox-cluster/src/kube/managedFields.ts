/**
 * Field ownership (`metadata.managedFields`) and server-side apply merging, following
 * Kubernetes' rules for custom resources: maps merge key by key, lists are atomic,
 * an apply conflicts when it sets a field another manager owns to a different value.
 */
import { jsonEqual } from '../jsonEqual';
import { KubeStatusError, StatusCause } from './KubeStatusError';
import type { KubeObject, ManagedFieldsEntry } from './ObjectStore';

type Path = string[];

const META_TRACKED = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The part of an object whose fields are owned through the main resource. */
function trackedView(object: Record<string, unknown>, subresource?: string) {
  if (subresource === 'status') {
    return object.status === undefined ? {} : { status: object.status };
  }
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (['apiVersion', 'kind', 'status'].includes(key)) continue;
    if (key === 'metadata') {
      const meta: Record<string, unknown> = {};
      for (const k of META_TRACKED) {
        const v = (value as Record<string, unknown> | undefined)?.[k];
        if (v !== undefined) meta[k] = v;
      }
      if (Object.keys(meta).length) view.metadata = meta;
      continue;
    }
    view[key] = value;
  }
  return view;
}

/** Leaf paths: scalars, lists (atomic) and empty maps. */
function leafPaths(
  value: unknown,
  prefix: Path = [],
  out: Path[] = [],
): Path[] {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      leafPaths(v, [...prefix, k], out);
    }
  } else if (prefix.length) {
    out.push(prefix);
  }
  return out;
}

function valueAt(object: unknown, path: Path): unknown {
  let cur: unknown = object;
  for (const seg of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

function deleteAt(object: Record<string, unknown>, path: Path) {
  const parents: Record<string, unknown>[] = [];
  let cur: unknown = object;
  for (const seg of path.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    parents.push(cur);
    cur = cur[seg];
  }
  if (!isPlainObject(cur)) return;
  delete cur[path[path.length - 1]];
  // Drop maps the removal left empty, as the API server does after an apply.
  for (let i = parents.length - 1; i >= 0; i--) {
    const key = path[i];
    const child = parents[i][key];
    if (isPlainObject(child) && Object.keys(child).length === 0) {
      delete parents[i][key];
    } else {
      break;
    }
  }
}

const keyOf = (p: Path) => JSON.stringify(p);

/** `{"f:spec":{"f:minCapacity":{}}}` from paths. @internal */
export function encodeFieldsV1(paths: Path[]): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      node[`f:${seg}`] ??= {};
      node = node[`f:${seg}`];
    }
  }
  return root;
}

/** Paths from `fieldsV1`. @internal */
export function decodeFieldsV1(fields: Record<string, unknown>): Path[] {
  const out: Path[] = [];
  const walk = (node: Record<string, unknown>, prefix: Path) => {
    const keys = Object.keys(node).filter(k => k.startsWith('f:'));
    if (keys.length === 0 && prefix.length) out.push(prefix);
    for (const k of keys) {
      walk((node[k] ?? {}) as Record<string, unknown>, [...prefix, k.slice(2)]);
    }
  };
  walk(fields, []);
  return out;
}

function entryPaths(entry: ManagedFieldsEntry) {
  return decodeFieldsV1(entry.fieldsV1 ?? {});
}

function isPrefix(a: Path, b: Path) {
  return a.length <= b.length && a.every((seg, i) => seg === b[i]);
}

/** Whether two owned paths overlap (one contains the other). */
function overlaps(a: Path, b: Path) {
  return isPrefix(a, b) || isPrefix(b, a);
}

function withEntry(
  entries: ManagedFieldsEntry[],
  entry: ManagedFieldsEntry,
  paths: Path[],
): ManagedFieldsEntry[] {
  const same = (e: ManagedFieldsEntry) =>
    e.manager === entry.manager &&
    e.operation === entry.operation &&
    (e.subresource ?? '') === (entry.subresource ?? '');
  const next = { ...entry, fieldsV1: encodeFieldsV1(paths) };
  const index = entries.findIndex(same);
  if (index < 0) return paths.length ? [...entries, next] : entries;
  // An existing entry keeps its place, so a repeated identical write is a no-op.
  return paths.length
    ? entries.map((e, i) => (i === index ? next : e))
    : entries.filter((_, i) => i !== index);
}

function removePaths(
  entries: ManagedFieldsEntry[],
  taken: Path[],
  except: (e: ManagedFieldsEntry) => boolean,
): ManagedFieldsEntry[] {
  if (taken.length === 0) return entries;
  return entries.flatMap(e => {
    if (except(e)) return [e];
    const kept = entryPaths(e).filter(p => !taken.some(t => overlaps(t, p)));
    return kept.length ? [{ ...e, fieldsV1: encodeFieldsV1(kept) }] : [];
  });
}

/** Recursively merges `patch` into `base`: maps by key, everything else replaced. */
function mergeApplied(base: unknown, patch: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      out[k] = k in base ? mergeApplied(base[k], v) : v;
    }
    return out;
  }
  return patch;
}

/** Who changes an object, and how. @internal */
export interface FieldManagerContext {
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: 'status';
}

/**
 * Records an Update operation: the manager takes the fields whose values it changed;
 * fields it removed leave every manager.
 * @internal
 */
export function recordUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  ctx: FieldManagerContext,
): ManagedFieldsEntry[] {
  const entries = before?.metadata.managedFields ?? [];
  const oldView = before ? trackedView(before, ctx.subresource) : {};
  const newView = trackedView(after, ctx.subresource);
  const oldPaths = leafPaths(oldView);
  const newPaths = leafPaths(newView);
  const changed = newPaths.filter(
    p => !jsonEqual(valueAt(oldView, p), valueAt(newView, p)),
  );
  const removed = oldPaths.filter(p => valueAt(newView, p) === undefined);
  const mine = (e: ManagedFieldsEntry) =>
    e.manager === ctx.manager &&
    e.operation === 'Update' &&
    (e.subresource ?? '') === (ctx.subresource ?? '');
  let next = removePaths(entries, [...changed, ...removed], mine);
  const own = next.find(mine);
  const ownPaths = (own ? entryPaths(own) : []).filter(
    p => !removed.some(r => overlaps(r, p)),
  );
  const merged = [...ownPaths];
  for (const p of changed) {
    if (!merged.some(q => keyOf(q) === keyOf(p))) merged.push(p);
  }
  next = withEntry(
    next,
    {
      manager: ctx.manager,
      operation: 'Update',
      apiVersion: ctx.apiVersion,
      time: ctx.time,
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
    },
    merged,
  );
  return next;
}

/**
 * Server-side apply of `applied` onto `current` (undefined on create). Returns the
 * merged object (without metadata bookkeeping) and the new managedFields; throws a
 * 409 Conflict Status listing each conflicting field unless `force`.
 * @internal
 */
export function serverSideApply(
  current: KubeObject | undefined,
  applied: Record<string, unknown>,
  ctx: FieldManagerContext,
  force: boolean,
): { object: Record<string, unknown>; managedFields: ManagedFieldsEntry[] } {
  const entries = current?.metadata.managedFields ?? [];
  const appliedView = trackedView(applied, ctx.subresource);
  const appliedPaths = leafPaths(appliedView);
  const currentView = current ? trackedView(current, ctx.subresource) : {};
  const sameSub = (e: ManagedFieldsEntry) =>
    (e.subresource ?? '') === (ctx.subresource ?? '');
  const mine = (e: ManagedFieldsEntry) =>
    e.manager === ctx.manager && e.operation === 'Apply' && sameSub(e);

  const conflicts: { manager: string; apiVersion: string; path: Path }[] = [];
  for (const e of entries) {
    if (mine(e) || !sameSub(e)) continue;
    for (const owned of entryPaths(e)) {
      for (const p of appliedPaths) {
        if (!overlaps(owned, p)) continue;
        const deeper = p.length >= owned.length ? p : owned;
        if (
          !jsonEqual(valueAt(currentView, deeper), valueAt(appliedView, deeper))
        ) {
          conflicts.push({
            manager: e.manager,
            apiVersion: e.apiVersion,
            path: owned,
          });
        }
      }
    }
  }
  let next = entries;
  if (conflicts.length && !force) {
    const causes: StatusCause[] = conflicts.map(c => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${c.apiVersion}`,
      field: `.${c.path.join('.')}`,
    }));
    const lines = conflicts.map(
      c =>
        `- conflict with "${c.manager}" using ${c.apiVersion}: .${c.path.join(
          '.',
        )}`,
    );
    throw new KubeStatusError(
      409,
      `Apply failed with ${conflicts.length} conflict${
        conflicts.length > 1 ? 's' : ''
      }: ${
        conflicts.length === 1 ? lines[0].slice(2) : `\n${lines.join('\n')}`
      }`,
      { reason: 'Conflict', details: { causes } },
    );
  }
  if (conflicts.length) {
    next = removePaths(
      next,
      conflicts.map(c => c.path),
      e => mine(e) || !sameSub(e),
    );
  }

  // Fields this manager applied before and no longer applies are removed, unless another
  // manager still owns them.
  const previous = entries.find(mine);
  const dropped = (previous ? entryPaths(previous) : []).filter(
    p => !appliedPaths.some(q => overlaps(p, q)),
  );
  const othersOwn = (p: Path) =>
    next.some(
      e => !mine(e) && sameSub(e) && entryPaths(e).some(q => overlaps(p, q)),
    );
  const base = structuredClone(current ?? {}) as Record<string, unknown>;
  for (const p of dropped) {
    if (!othersOwn(p)) deleteAt(base, p);
  }
  const { apiVersion: _a, kind: _k, ...appliedBody } = applied;
  const appliedContent =
    ctx.subresource === 'status'
      ? { status: applied.status }
      : { ...appliedBody, status: undefined };
  if (appliedContent.status === undefined) delete appliedContent.status;
  const object = mergeApplied(base, appliedContent) as Record<string, unknown>;
  next = withEntry(
    next,
    {
      manager: ctx.manager,
      operation: 'Apply',
      apiVersion: ctx.apiVersion,
      time: ctx.time,
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
    },
    appliedPaths,
  );
  return { object, managedFields: next };
}
