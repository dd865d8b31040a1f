/**
 * JSON merge patch (RFC 7386) and JSON patch (RFC 6902), the two patch types custom
 * resources accept besides server-side apply.
 */
import { jsonEqual } from '../jsonEqual';
import { KubeStatusError } from './KubeStatusError';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: null deletes, maps merge, everything else replaces. @internal */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else {
      out[key] = applyMergePatch(out[key], value);
    }
  }
  return out;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new KubeStatusError(422, `invalid JSON pointer "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** RFC 6902 on a copy of `document`. @internal */
export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw new KubeStatusError(
      400,
      'a JSON patch must be an array of operations',
    );
  }
  let doc = structuredClone(document);
  const resolve = (segments: string[]) => {
    let parent: any = doc;
    for (const seg of segments.slice(0, -1)) {
      parent = parent?.[Array.isArray(parent) ? Number(seg) : seg];
      if (
        parent === undefined ||
        parent === null ||
        typeof parent !== 'object'
      ) {
        throw new KubeStatusError(
          422,
          `the server rejected our request due to an error in our request: path /${segments.join(
            '/',
          )} does not exist`,
        );
      }
    }
    return { parent, last: segments[segments.length - 1] };
  };
  const get = (segments: string[]) =>
    segments.reduce<any>(
      (o, s) => (o === undefined || o === null ? undefined : o[s]),
      doc,
    );
  const remove = (segments: string[]) => {
    const { parent, last } = resolve(segments);
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!(i >= 0 && i < parent.length)) {
        throw new KubeStatusError(422, `index ${last} out of range`);
      }
      return parent.splice(i, 1)[0];
    }
    if (!(last in parent)) {
      throw new KubeStatusError(
        422,
        `unable to remove nonexistent key: ${last}: missing value`,
      );
    }
    const old = parent[last];
    delete parent[last];
    return old;
  };
  const add = (segments: string[], value: unknown) => {
    if (segments.length === 0) {
      doc = value;
      return;
    }
    const { parent, last } = resolve(segments);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!(i >= 0 && i <= parent.length)) {
        throw new KubeStatusError(422, `index ${last} out of range`);
      }
      parent.splice(i, 0, value);
    } else {
      parent[last] = value;
    }
  };
  for (const raw of ops as JsonPatchOp[]) {
    const path = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        add(path, structuredClone(raw.value));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        remove(path);
        add(path, structuredClone(raw.value));
        break;
      case 'move': {
        const value = remove(parsePointer(raw.from ?? ''));
        add(path, value);
        break;
      }
      case 'copy':
        add(path, structuredClone(get(parsePointer(raw.from ?? ''))));
        break;
      case 'test':
        if (!jsonEqual(get(path), raw.value)) {
          throw new KubeStatusError(
            422,
            `the server rejected our request due to an error in our request: testing value /${path.join(
              '/',
            )} failed`,
          );
        }
        break;
      default:
        throw new KubeStatusError(
          400,
          `unknown JSON patch operation "${raw.op}"`,
        );
    }
  }
  return doc;
}
