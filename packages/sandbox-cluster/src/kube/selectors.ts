/**
 * Label and field selectors, as the Kubernetes API parses them.
 */
import { KubeStatusError } from './KubeStatusError';
import type { KubeObject } from './ObjectStore';

/** A compiled selector. @internal */
export type ObjectPredicate = (object: KubeObject) => boolean;

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(Boolean);
}

/** Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h`. @internal */
export function parseLabelSelector(
  selector: string | undefined,
): ObjectPredicate {
  if (!selector?.trim()) return () => true;
  const requirements: Requirement[] = splitTerms(selector).map(term => {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const [, key, op, list] = m;
      const values = list.split(',').map(v => v.trim());
      return op === 'in'
        ? l => key in l && values.includes(l[key])
        : l => !(key in l) || !values.includes(l[key]);
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m;
      return op === '!=' ? l => l[key] !== value : l => l[key] === value;
    }
    m = /^(!?)([\w./-]+)$/.exec(term);
    if (m) {
      const [, not, key] = m;
      return not ? l => !(key in l) : l => key in l;
    }
    throw new KubeStatusError(
      400,
      `unable to parse requirement: invalid label selector "${term}"`,
    );
  });
  return object => {
    const labels = object.metadata.labels ?? {};
    return requirements.every(r => r(labels));
  };
}

const FIELD_GETTERS: Record<string, (o: KubeObject) => string | undefined> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
};

/**
 * Parses field selectors on `metadata.name` and `metadata.namespace` (all resources),
 * and `involvedObject.*` for events.
 * @internal
 */
export function parseFieldSelector(
  selector: string | undefined,
): ObjectPredicate {
  if (!selector?.trim()) return () => true;
  const requirements = splitTerms(selector).map(term => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) {
      throw new KubeStatusError(400, `invalid field selector: "${term}"`);
    }
    const [, field, op, value] = m;
    let get = FIELD_GETTERS[field];
    if (!get && field.startsWith('involvedObject.')) {
      const sub = field.slice('involvedObject.'.length);
      get = o => {
        const v = (o.involvedObject as Record<string, unknown> | undefined)?.[
          sub
        ];
        return v === undefined ? '' : String(v);
      };
    }
    if (!get) {
      throw new KubeStatusError(400, `field label not supported: ${field}`);
    }
    const getter = get;
    return op === '!='
      ? (o: KubeObject) => getter(o) !== value
      : (o: KubeObject) => getter(o) === value;
  });
  return object => requirements.every(r => r(object));
}
