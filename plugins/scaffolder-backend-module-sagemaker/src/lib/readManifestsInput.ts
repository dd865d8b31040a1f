/**
 * Turns the apply action's `manifests` input (the render action's `manifests` output, a list
 * of objects, or a workspace path to the rendered YAML) into the five objects, in order.
 */
import { readFile } from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ACK_KINDS,
  type AckKind,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { parseAllDocuments } from 'yaml';

/** Keys of {@link ScaledEndpointManifests}, by kind. */
const KEY_OF_KIND: Record<AckKind, keyof ScaledEndpointManifests> = {
  Model: 'model',
  EndpointConfig: 'endpointConfig',
  Endpoint: 'endpoint',
  ScalableTarget: 'scalableTarget',
  ScalingPolicy: 'scalingPolicy',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Groups a list of objects by kind; every kind exactly once, nothing else.
 * @internal
 */
export function manifestsFromList(objects: unknown[]): ScaledEndpointManifests {
  const found: Partial<Record<keyof ScaledEndpointManifests, unknown>> = {};
  objects.forEach((object, index) => {
    if (!isRecord(object)) {
      throw new InputError(`manifests[${index}] must be an object`);
    }
    const kind = object.kind;
    const info = ACK_KINDS.find(k => k.kind === kind);
    if (!info) {
      throw new InputError(
        `manifests[${index}].kind must be one of ${ACK_KINDS.map(
          k => k.kind,
        ).join(', ')}, got ${JSON.stringify(kind)}`,
      );
    }
    const key = KEY_OF_KIND[info.kind];
    if (found[key]) {
      throw new InputError(
        `manifests must contain exactly one ${info.kind}, found a second at manifests[${index}]`,
      );
    }
    found[key] = object;
  });
  return manifestsFromRecord(found);
}

function manifestsFromRecord(
  record: Record<string, unknown>,
): ScaledEndpointManifests {
  const missing = ACK_KINDS.filter(k => !isRecord(record[KEY_OF_KIND[k.kind]]));
  if (missing.length > 0) {
    throw new InputError(
      `manifests must contain all five resources; missing: ${missing
        .map(k => k.kind)
        .join(', ')}`,
    );
  }
  const result = {} as Record<string, unknown>;
  for (const info of ACK_KINDS) {
    const key = KEY_OF_KIND[info.kind];
    const object = record[key] as Record<string, unknown>;
    if (object.kind !== info.kind) {
      throw new InputError(
        `manifests.${key}.kind must be ${info.kind}, got ${JSON.stringify(
          object.kind,
        )}`,
      );
    }
    result[key] = object;
  }
  return result as unknown as ScaledEndpointManifests;
}

/**
 * Parses multi-document YAML into the five objects.
 * @internal
 */
export function manifestsFromYaml(
  text: string,
  source: string,
): ScaledEndpointManifests {
  const documents = parseAllDocuments(text);
  const objects: unknown[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new InputError(
        `${source} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  }
  return manifestsFromList(objects);
}

/**
 * Reads the input: an object keyed like the render action's output (`model`,
 * `endpointConfig`, `endpoint`, `scalableTarget`, `scalingPolicy`), a list of objects, or a
 * path to YAML inside the workspace.
 * @internal
 */
export async function readManifestsInput(
  input: unknown,
  workspacePath: string,
): Promise<ScaledEndpointManifests> {
  if (typeof input === 'string') {
    let path: string;
    try {
      path = resolveSafeChildPath(workspacePath, input);
    } catch {
      throw new InputError(
        `manifests path '${input}' must stay inside the task workspace`,
      );
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new InputError(
        `manifests path '${input}' cannot be read from the workspace: ${
          (error as Error).message
        }`,
      );
    }
    return manifestsFromYaml(text, `manifests file '${input}'`);
  }
  if (Array.isArray(input)) {
    return manifestsFromList(input);
  }
  if (isRecord(input)) {
    return manifestsFromRecord(input);
  }
  throw new InputError(
    "manifests must be the render action's manifests output, a list of the five objects, or a workspace path to their YAML",
  );
}
