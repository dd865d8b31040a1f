/**
 * Checks of what a write request sends: the body's kind, apiVersion, name and
 * namespace, and the resourceVersion it expects.
 */
import { invalid, ResourceDefinition } from './crds';
import { KubeStatusError } from './KubeStatusError';
import type { KubeObject } from './ObjectStore';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** 409 Conflict unless `rv` is the object's current resourceVersion. @internal */
export function checkResourceVersion(
  def: ResourceDefinition,
  current: KubeObject,
  rv: string,
) {
  if (rv !== current.metadata.resourceVersion) {
    const what = def.group ? `${def.plural}.${def.group}` : def.plural;
    throw new KubeStatusError(
      409,
      `Operation cannot be fulfilled on ${what} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      {
        reason: 'Conflict',
        details: {
          name: current.metadata.name,
          group: def.group || undefined,
          kind: def.plural,
        },
      },
    );
  }
}

/** Checks kind, apiVersion, name and namespace of a request body; returns a copy. @internal */
export function checkBody(
  def: ResourceDefinition,
  namespace: string | undefined,
  body: unknown,
  pathName?: string,
): KubeObject {
  if (!isPlainObject(body)) {
    throw new KubeStatusError(
      400,
      'the request body must be a JSON or YAML object',
    );
  }
  const object = structuredClone(body) as KubeObject;
  const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
  if (object.kind !== def.kind || object.apiVersion !== apiVersion) {
    throw new KubeStatusError(
      400,
      `the API version in the data (${String(
        object.apiVersion,
      )}) and kind (${String(
        object.kind,
      )}) do not match the resource ${apiVersion}, Kind=${def.kind}`,
    );
  }
  if (!isPlainObject(object.metadata)) {
    object.metadata = {} as KubeObject['metadata'];
  }
  const meta = object.metadata;
  if (pathName !== undefined) {
    if (meta.name && meta.name !== pathName) {
      throw new KubeStatusError(
        400,
        `the name of the object (${meta.name}) does not match the name on the URL (${pathName})`,
      );
    }
    meta.name = pathName;
  }
  if (!meta.name && !meta.generateName) {
    throw invalid(def, '', [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ]);
  }
  if (meta.name && (!DNS_SUBDOMAIN.test(meta.name) || meta.name.length > 253)) {
    throw invalid(def, meta.name, [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        field: 'metadata.name',
      },
    ]);
  }
  if (def.namespaced) {
    if (namespace && meta.namespace && meta.namespace !== namespace) {
      throw new KubeStatusError(
        400,
        `the namespace of the provided object does not match the namespace sent on the request`,
      );
    }
    meta.namespace = namespace ?? meta.namespace ?? 'default';
    if (!DNS_LABEL.test(meta.namespace)) {
      throw invalid(def, meta.name ?? '', [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${meta.namespace}": a lowercase RFC 1123 label`,
          field: 'metadata.namespace',
        },
      ]);
    }
  } else {
    delete meta.namespace;
  }
  return object;
}
