/**
 * Server-side printing (`Accept: application/json;as=Table`), which is how
 * `kubectl get` shows a custom resource's printer columns such as STATUS.
 */
import type { ResourceDefinition } from './crds';
import type { KubeObject } from './ObjectStore';

/** Evaluates the simple JSONPath of a printer column (`.status.endpointStatus`). */
function evaluate(object: unknown, jsonPath: string): unknown {
  const segments = jsonPath
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter(s => s !== undefined && s !== '');
  let cur: any = object;
  for (const seg of segments) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Kubernetes' HumanDuration, which `kubectl get` shows in AGE columns. @internal */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8)
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

function cellValue(value: unknown, type: string, now: number): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'date' && typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? value : humanDuration(now - t);
  }
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

function columnsOf(def: ResourceDefinition, now: number) {
  const nameColumn = {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace.',
    priority: 0,
  };
  if (def.printerColumns.length === 0) {
    return [
      { def: nameColumn, get: (o: KubeObject) => o.metadata.name },
      {
        def: {
          name: 'Age',
          type: 'date',
          format: '',
          description: 'CreationTimestamp is when the object was created.',
          priority: 0,
        },
        get: (o: KubeObject) =>
          cellValue(o.metadata.creationTimestamp, 'date', now),
      },
    ];
  }
  return [
    { def: nameColumn, get: (o: KubeObject) => o.metadata.name },
    ...def.printerColumns.map(c => ({
      def: {
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      },
      get: (o: KubeObject) => cellValue(evaluate(o, c.jsonPath), c.type, now),
    })),
  ];
}

function partialMetadata(object: KubeObject) {
  const { managedFields: _m, ...metadata } = object.metadata;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
  };
}

function rowObject(o: KubeObject, includeObject: string | undefined) {
  if (includeObject === 'None') return null;
  return includeObject === 'Object' ? o : partialMetadata(o);
}

/** A `meta.k8s.io/v1` Table of the objects. @internal */
export function toTable(
  def: ResourceDefinition,
  objects: KubeObject[],
  options: {
    now: number;
    resourceVersion?: string;
    continueToken?: string;
    includeObject?: string;
    noHeaders?: boolean;
  },
) {
  const columns = columnsOf(def, options.now);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(options.resourceVersion
        ? { resourceVersion: options.resourceVersion }
        : {}),
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    columnDefinitions: options.noHeaders ? null : columns.map(c => c.def),
    rows: objects.map(o => ({
      cells: columns.map(c => c.get(o) ?? null),
      object: rowObject(o, options.includeObject),
    })),
  };
}

/** Whether the client asked for a Table. @internal */
export function wantsTable(accept: string | undefined): boolean {
  return Boolean(
    accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept),
  );
}
