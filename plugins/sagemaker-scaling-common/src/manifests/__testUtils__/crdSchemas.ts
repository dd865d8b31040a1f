/**
 * Validators for the upstream ACK CRD schemas in shared/ack-crds (openAPIV3Schema of each
 * CRD's v1alpha1 version), compiled with ajv.
 */
import fs from 'node:fs';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import type { AckKind } from '../../resources';
import { sharedPath } from './tutorial';

const CRD_FILES: Record<AckKind, string> = {
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

function readCrdSchema(kind: AckKind): JsonSchema {
  const text = fs.readFileSync(sharedPath('ack-crds', CRD_FILES[kind]), 'utf8');
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

/** One ajv validator per kind, checking against the CRD schema with closed objects. */
export function createCrdValidators(): Record<AckKind, ValidateFunction> {
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
  const kinds = Object.keys(CRD_FILES) as AckKind[];
  return Object.fromEntries(
    kinds.map(kind => [kind, ajv.compile(closeObjects(readCrdSchema(kind)))]),
  ) as Record<AckKind, ValidateFunction>;
}
