/**
 * Reads the upstream ACK CustomResourceDefinitions and turns them into the sandbox's
 * resource definitions: discovery data, printer columns and structural-schema checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { KubeStatusError, StatusCause } from './KubeStatusError';

/** A printer column of a CRD version. @public */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
  format?: string;
}

/** An OpenAPI v3 schema node, as far as the sandbox reads it. @internal */
export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  description?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [key: string]: unknown;
}

/** One served resource of the sandbox. @public */
export interface ResourceDefinition {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Whether the `status` subresource exists (spec and status written separately). */
  hasStatusSubresource: boolean;
  printerColumns: PrinterColumn[];
  verbs: string[];
  /** Storage key: `<group or core>/<plural>`. */
  key: string;
  schema?: SchemaNode;
  validate?: ValidateFunction;
}

/** The upstream CRD folder next to the repository (`../shared/ack-crds`). @internal */
export function defaultCrdDir(): string {
  // packages/sandbox-cluster -> repo root -> ../shared/ack-crds
  const packageDir = path.dirname(
    require.resolve('@mlplatform/sandbox-cluster/package.json'),
  );
  return path.resolve(packageDir, '../..', '../shared/ack-crds');
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

const loaded = new Map<string, ResourceDefinition[]>();

/**
 * Reads every `*.yaml` CRD of the folder whose group is one of `groups`. Compiling the
 * schemas is slow, so each folder is read once per process.
 * @public
 */
export function loadCrdResources(
  crdDir: string,
  groups: readonly string[],
): ResourceDefinition[] {
  const cacheKey = `${crdDir}|${groups.join(',')}`;
  const cached = loaded.get(cacheKey);
  if (cached) return cached;
  const result = readCrdResources(crdDir, groups);
  loaded.set(cacheKey, result);
  return result;
}

function readCrdResources(
  crdDir: string,
  groups: readonly string[],
): ResourceDefinition[] {
  if (!fs.existsSync(crdDir)) {
    throw new Error(
      `CRD folder ${crdDir} does not exist; pass crdDir or check out ../shared/ack-crds next to the repository`,
    );
  }
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
  });
  const result: ResourceDefinition[] = [];
  for (const file of fs.readdirSync(crdDir).sort()) {
    if (!file.endsWith('.yaml')) continue;
    const docs = parseAllDocuments(
      fs.readFileSync(path.join(crdDir, file), 'utf8'),
    );
    for (const doc of docs) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      if (!groups.includes(crd.spec.group)) continue;
      const version =
        crd.spec.versions.find((v: any) => v.storage) ?? crd.spec.versions[0];
      const schema = version.schema?.openAPIV3Schema as SchemaNode | undefined;
      const names = crd.spec.names;
      result.push({
        group: crd.spec.group,
        version: version.name,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        namespaced: crd.spec.scope === 'Namespaced',
        hasStatusSubresource: Boolean(version.subresources?.status),
        printerColumns: version.additionalPrinterColumns ?? [],
        verbs: ALL_VERBS,
        key: `${crd.spec.group}/${names.plural}`,
        schema,
        validate: schema ? ajv.compile(schema) : undefined,
      });
    }
  }
  return result;
}

/** Core resources kubectl needs around the custom ones. @internal */
export function coreResources(): ResourceDefinition[] {
  const core = (
    kind: string,
    plural: string,
    namespaced: boolean,
    shortNames: string[],
  ): ResourceDefinition => ({
    group: '',
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    categories: [],
    namespaced,
    hasStatusSubresource: false,
    printerColumns: [],
    verbs: ALL_VERBS,
    key: `core/${plural}`,
  });
  return [
    core('Namespace', 'namespaces', false, ['ns']),
    core('Event', 'events', true, ['ev']),
  ];
}

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(seg => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => {
      if (/^\d+$/.test(seg)) return `${acc}[${seg}]`;
      return acc ? `${acc}.${seg}` : seg;
    }, '');
}

function causeOf(error: ErrorObject, object: unknown): StatusCause {
  const base = fieldPath(error.instancePath);
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    const field = base ? `${base}.${missing}` : missing;
    return { reason: 'FieldValueRequired', message: 'Required value', field };
  }
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<any>((o, seg) => (o === undefined ? o : o[seg]), object);
  if (error.keyword === 'type') {
    const expected = (error.params as { type: string }).type;
    return {
      reason: 'FieldValueTypeInvalid',
      message: `Invalid value: "${typeName(
        value,
      )}": ${base} in body must be of type ${expected}: "${typeName(value)}"`,
      field: base,
    };
  }
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${base} ${
      error.message
    }`,
    field: base,
  };
}

function typeName(value: unknown) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/**
 * Checks an object against its CRD's structural schema; throws a 422 Status naming
 * every offending field.
 * @internal
 */
export function assertValid(def: ResourceDefinition, object: any): void {
  if (!def.validate) return;
  if (def.validate(object)) return;
  const causes = (def.validate.errors ?? [])
    .filter(e => e.keyword !== 'if')
    .map(e => causeOf(e, object));
  throw invalid(def, object?.metadata?.name ?? '', causes);
}

/** A 422 Invalid Status in the API server's wording. @internal */
export function invalid(
  def: ResourceDefinition,
  name: string,
  causes: StatusCause[],
): KubeStatusError {
  const what = def.group ? `${def.kind}.${def.group}` : def.kind;
  const list = causes.map(c => `${c.field}: ${c.message}`).join(', ');
  return new KubeStatusError(
    422,
    `${what} "${name}" is invalid: ${causes.length > 1 ? `[${list}]` : list}`,
    {
      reason: 'Invalid',
      details: { name, group: def.group || undefined, kind: def.kind, causes },
    },
  );
}

/**
 * Removes fields the schema does not know, as the API server prunes custom resources,
 * and returns their paths (for `fieldValidation=Strict|Warn`).
 * @internal
 */
export function pruneUnknownFields(
  def: ResourceDefinition,
  object: Record<string, unknown>,
): string[] {
  const unknown: string[] = [];
  if (!def.schema) return unknown;
  const walk = (value: unknown, schema: SchemaNode | undefined, at: string) => {
    if (!schema || value === null || typeof value !== 'object') return;
    if (schema['x-kubernetes-preserve-unknown-fields']) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, schema.items, `${at}[${i}]`));
      return;
    }
    const obj = value as Record<string, unknown>;
    if (schema.properties) {
      for (const key of Object.keys(obj)) {
        const child = schema.properties[key];
        const childPath = at ? `${at}.${key}` : key;
        if (!child) {
          if (
            !(at === '' && ['apiVersion', 'kind', 'metadata'].includes(key))
          ) {
            unknown.push(childPath);
            delete obj[key];
          }
        } else if (!(at === '' && key === 'metadata')) {
          walk(obj[key], child, childPath);
        }
      }
    } else if (
      schema.additionalProperties &&
      typeof schema.additionalProperties === 'object'
    ) {
      for (const key of Object.keys(obj)) {
        walk(obj[key], schema.additionalProperties, `${at}.${key}`);
      }
    }
  };
  walk(object, def.schema, '');
  return unknown;
}
