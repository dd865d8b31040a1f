/**
 * The sandbox's served resource definitions (discovery data, printer columns and
 * structural-schema checks), from the project's own ACK definitions or from upstream
 * CRD files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { ackCustomResourceDefinitions } from './definitions';
import type { CustomResourceDefinition } from './definitions';
import { KubeStatusError, StatusCause } from './KubeStatusError';
import type { PrinterColumn, SchemaNode } from './schemaTypes';

export type { PrinterColumn, SchemaNode } from './schemaTypes';

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

/** The API groups of the five ACK kinds the sandbox serves. */
const ACK_GROUPS: readonly string[] = [
  'sagemaker.services.k8s.aws',
  'applicationautoscaling.services.k8s.aws',
];

function newAjv() {
  return new Ajv({ allErrors: true, strict: false, validateFormats: false });
}

/** Turns one CustomResourceDefinition into a served resource (its storage version). */
function resourceFromCrd(
  crd: CustomResourceDefinition,
  ajv: Ajv,
): ResourceDefinition {
  const version =
    crd.spec.versions.find(v => v.storage) ?? crd.spec.versions[0];
  const schema = version.schema?.openAPIV3Schema;
  const names = crd.spec.names;
  return {
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
  };
}

let own: ResourceDefinition[] | undefined;

/**
 * The five ACK kinds from the project's own definitions (the default). Compiling the
 * schemas is slow, so this happens once per process.
 * @internal
 */
export function ownAckResources(): ResourceDefinition[] {
  if (!own) {
    const ajv = newAjv();
    own = ackCustomResourceDefinitions().map(crd => resourceFromCrd(crd, ajv));
  }
  return own;
}

const loaded = new Map<string, ResourceDefinition[]>();

/**
 * The five ACK kinds from upstream CRD YAML files (for example the ACK Helm charts'
 * `crds/` folders): every `*.yaml` in `crdDir` whose group is an ACK group the sandbox
 * serves. Throws naming the folder when it is missing or lacks one of the five kinds.
 * Read once per folder per process.
 * @internal
 */
export function loadCrdResources(crdDir: string): ResourceDefinition[] {
  const cached = loaded.get(crdDir);
  if (cached) return cached;
  const result = readCrdResources(crdDir);
  loaded.set(crdDir, result);
  return result;
}

function readCrdResources(crdDir: string): ResourceDefinition[] {
  if (!fs.existsSync(crdDir) || !fs.statSync(crdDir).isDirectory()) {
    throw new Error(`CRD folder ${crdDir} does not exist`);
  }
  const ajv = newAjv();
  const result: ResourceDefinition[] = [];
  for (const file of fs.readdirSync(crdDir).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    const docs = parseAllDocuments(
      fs.readFileSync(path.join(crdDir, file), 'utf8'),
    );
    for (const doc of docs) {
      const crd = doc.toJS() as CustomResourceDefinition | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      if (!ACK_GROUPS.includes(crd.spec.group)) continue;
      result.push(resourceFromCrd(crd, ajv));
    }
  }
  const expected = ackCustomResourceDefinitions().map(c => c.spec.names.kind);
  const missing = expected.filter(k => !result.some(r => r.kind === k));
  if (missing.length > 0) {
    throw new Error(
      `CRD folder ${crdDir} lacks the CustomResourceDefinition of ${missing.join(
        ', ',
      )} (found ${result.map(r => r.kind).join(', ') || 'none'})`,
    );
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
