/**
 * Validators for the upstream ACK CRD schemas in `../shared/ack-crds` (the v1alpha1
 * `openAPIV3Schema` of each), compiled with ajv. Use inside `describeWithShared`.
 */
import fs from 'node:fs';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { sharedPath } from './shared';

/** The folder of the upstream CRDs, relative to `../shared`. @public */
export const UPSTREAM_CRD_DIR = 'ack-crds';

/** The five ACK kinds. @public */
export type UpstreamAckKind =
  | 'Model'
  | 'EndpointConfig'
  | 'Endpoint'
  | 'ScalableTarget'
  | 'ScalingPolicy';

const CRD_FILES: Record<UpstreamAckKind, string> = {
  Model: 'sagemaker.services.k8s.aws_models.yaml',
  EndpointConfig: 'sagemaker.services.k8s.aws_endpointconfigs.yaml',
  Endpoint: 'sagemaker.services.k8s.aws_endpoints.yaml',
  ScalableTarget:
    'applicationautoscaling.services.k8s.aws_scalabletargets.yaml',
  ScalingPolicy: 'applicationautoscaling.services.k8s.aws_scalingpolicies.yaml',
};

type JsonSchema = Record<string, unknown>;

/**
 * Marks every object schema that lists its properties as closed, so a field the CRD does
 * not know fails validation instead of being silently pruned by the API server.
 */
function closeObjects(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  const properties = copy.properties as Record<string, JsonSchema> | undefined;
  if (properties && !copy['x-kubernetes-preserve-unknown-fields']) {
    copy.properties = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, closeObjects(v)]),
    );
    copy.additionalProperties = false;
  }
  if (copy.items && typeof copy.items === 'object') {
    copy.items = closeObjects(copy.items as JsonSchema);
  }
  if (
    copy.additionalProperties &&
    typeof copy.additionalProperties === 'object'
  ) {
    copy.additionalProperties = closeObjects(
      copy.additionalProperties as JsonSchema,
    );
  }
  return copy;
}

function readCrdSchema(kind: UpstreamAckKind): JsonSchema {
  const text = fs.readFileSync(
    sharedPath(UPSTREAM_CRD_DIR, CRD_FILES[kind]),
    'utf8',
  );
  const crd = parseAllDocuments(text)
    .map(doc => doc.toJS())
    .find(doc => doc?.kind === 'CustomResourceDefinition');
  const version = crd?.spec?.versions?.find(
    (v: { name: string }) => v.name === 'v1alpha1',
  );
  if (!version || crd.spec.names.kind !== kind) {
    throw new Error(`No v1alpha1 ${kind} schema in ${CRD_FILES[kind]}`);
  }
  return version.schema.openAPIV3Schema;
}

/**
 * One ajv validator per kind, checking against the upstream CRD schema with closed
 * objects and the formats checked (int64, int32, date-time).
 * @public
 */
export function createUpstreamCrdValidators(): Record<
  UpstreamAckKind,
  ValidateFunction
> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int64', {
    type: 'number',
    validate: (n: number) => Number.isSafeInteger(n),
  });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: s => !isNaN(Date.parse(s)),
  });
  const kinds = Object.keys(CRD_FILES) as UpstreamAckKind[];
  return Object.fromEntries(
    kinds.map(kind => [kind, ajv.compile(closeObjects(readCrdSchema(kind)))]),
  ) as Record<UpstreamAckKind, ValidateFunction>;
}
