/**
 * Checks five ready-made objects (rendered, or written by hand) before anything is
 * applied: kinds and API versions, one namespace, the references between the objects,
 * and every field by its rule in the shared table.
 */
import {
  ackKindInfo,
  parseVariantResourceId,
  type AnyAckResource,
} from '../resources';
import { checkValueAt } from './rules';
import type { ScaledEndpointManifests, ValidationIssue } from './types';
import {
  DEFAULT_COOLDOWN_SECONDS,
  validateScalingSettings,
} from './validateScalingSettings';

/** SageMaker names of any case (Model, EndpointConfig, Endpoint) follow the variant name's rule. */
const SAGEMAKER_NAME = 'variantName';
/** A SageMaker name by its rule: the name when it is valid. */
function checkSageMakerName(
  path: string,
  value: unknown,
  issues: ValidationIssue[],
): string | undefined {
  return checkValueAt(path, value, SAGEMAKER_NAME, issues) as
    | string
    | undefined;
}

/** Every `metadata.name` follows the DNS-1123 subdomain rule of the object name fields. */
const OBJECT_NAME = 'scalableTargetName';

function checkTypeAndMetadata(
  object: AnyAckResource,
  issues: ValidationIssue[],
): string | undefined {
  const info = ackKindInfo(object.kind);
  if (object.apiVersion !== info.apiVersion) {
    issues.push({
      field: `${object.kind}.apiVersion`,
      message: `${object.kind}.apiVersion must be ${
        info.apiVersion
      }, got ${JSON.stringify(object.apiVersion)}`,
    });
  }
  const metadata = (object.metadata ?? {}) as AnyAckResource['metadata'];
  checkValueAt(
    `${object.kind}.metadata.name`,
    metadata.name,
    OBJECT_NAME,
    issues,
  );
  return checkValueAt(
    `${object.kind}.metadata.namespace`,
    metadata.namespace,
    'namespace',
    issues,
  ) as string | undefined;
}

function checkReferences(
  m: ScaledEndpointManifests,
  names: { model?: string; config?: string; endpoint?: string },
  variantNames: Set<string>,
  issues: ValidationIssue[],
) {
  if (names.config && m.endpoint.spec.endpointConfigName !== names.config) {
    issues.push({
      field: 'Endpoint.spec.endpointConfigName',
      message: `Endpoint.spec.endpointConfigName must name the EndpointConfig being applied (${
        names.config
      }), got ${JSON.stringify(m.endpoint.spec.endpointConfigName)}`,
    });
  }
  for (const object of [m.scalableTarget, m.scalingPolicy]) {
    const field = `${object.kind}.spec.resourceID`;
    const parsed = parseVariantResourceId(String(object.spec.resourceID ?? ''));
    if (!parsed) {
      issues.push({
        field,
        message: `${field} must be endpoint/<endpoint-name>/variant/<variant-name>, got ${JSON.stringify(
          object.spec.resourceID,
        )}`,
      });
    } else if (
      names.endpoint &&
      (parsed.endpointName !== names.endpoint ||
        (variantNames.size > 0 && !variantNames.has(parsed.variantName)))
    ) {
      issues.push({
        field,
        message: `${field} must point at a variant of the Endpoint being applied (endpoint/${
          names.endpoint
        }/variant/<one of ${[...variantNames].join(', ')}>), got ${
          object.spec.resourceID
        }`,
      });
    }
    if (object.spec.serviceNamespace !== 'sagemaker') {
      issues.push({
        field: `${object.kind}.spec.serviceNamespace`,
        message: `${
          object.kind
        }.spec.serviceNamespace must be sagemaker, got ${JSON.stringify(
          object.spec.serviceNamespace,
        )}`,
      });
    }
  }
  if (
    m.scalableTarget.spec.resourceID !== m.scalingPolicy.spec.resourceID ||
    m.scalableTarget.spec.scalableDimension !==
      m.scalingPolicy.spec.scalableDimension
  ) {
    issues.push({
      field: 'ScalingPolicy.spec.resourceID',
      message:
        'ScalingPolicy.spec.resourceID and scalableDimension must equal those of the ScalableTarget',
    });
  }
}

/**
 * Every broken rule of the five objects of a scaled endpoint, each naming the object path
 * and the rule (the field rules are those of `SCALED_ENDPOINT_FIELD_RULES`); empty when
 * they can be applied.
 * @public
 */
export function validateScaledEndpointManifests(
  m: ScaledEndpointManifests,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const all: AnyAckResource[] = [
    m.model,
    m.endpointConfig,
    m.endpoint,
    m.scalableTarget,
    m.scalingPolicy,
  ];
  const namespaces = new Set(
    all.map(o => checkTypeAndMetadata(o, issues)).filter(Boolean),
  );
  if (namespaces.size > 1) {
    issues.push({
      field: 'metadata.namespace',
      message: `all five resources must be in one namespace, got ${[
        ...namespaces,
      ].join(', ')}`,
    });
  }
  if (all.some(o => !o.spec)) {
    issues.push({ field: 'spec', message: 'every resource must have a spec' });
    return issues;
  }

  const model = checkSageMakerName(
    'Model.spec.modelName',
    m.model.spec.modelName,
    issues,
  );
  const container = m.model.spec.primaryContainer ?? {};
  for (const [path, value, ruleOf] of [
    [
      'Model.spec.executionRoleARN',
      m.model.spec.executionRoleARN,
      'executionRoleARN',
    ],
    ['Model.spec.primaryContainer.image', container.image, 'image'],
    [
      'Model.spec.primaryContainer.modelDataURL',
      container.modelDataURL,
      'modelDataURL',
    ],
  ] as const) {
    // optional in a Model: checked when given
    if (value !== undefined) checkValueAt(path, value, ruleOf, issues);
  }

  const config = checkSageMakerName(
    'EndpointConfig.spec.endpointConfigName',
    m.endpointConfig.spec.endpointConfigName,
    issues,
  );
  const variants = m.endpointConfig.spec.productionVariants;
  const variantNames = new Set<string>();
  if (
    !Array.isArray(variants) ||
    variants.length === 0 ||
    variants.length > 10
  ) {
    issues.push({
      field: 'EndpointConfig.spec.productionVariants',
      message:
        'EndpointConfig.spec.productionVariants must list 1 to 10 variants',
    });
  } else {
    variants.forEach((v, i) => {
      const at = `EndpointConfig.spec.productionVariants[${i}]`;
      const name = checkValueAt(
        `${at}.variantName`,
        v.variantName,
        'variantName',
        issues,
      ) as string | undefined;
      if (name) variantNames.add(name);
      if (model && v.modelName !== model) {
        issues.push({
          field: `${at}.modelName`,
          message: `${at}.modelName must name the Model being applied (${model}), got ${JSON.stringify(
            v.modelName,
          )}`,
        });
      }
      for (const field of ['instanceType', 'initialInstanceCount'] as const) {
        // optional in a variant: checked when given
        const value = v[field];
        if (value !== undefined) {
          checkValueAt(`${at}.${field}`, value, field, issues);
        }
      }
    });
  }

  const endpoint = checkSageMakerName(
    'Endpoint.spec.endpointName',
    m.endpoint.spec.endpointName,
    issues,
  );
  checkReferences(m, { model, config, endpoint }, variantNames, issues);
  checkValueAt(
    'ScalingPolicy.spec.policyName',
    m.scalingPolicy.spec.policyName,
    'policyName',
    issues,
  );

  const tracking =
    m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration ?? {};
  const settingsIssues = validateScalingSettings({
    minCapacity: m.scalableTarget.spec.minCapacity,
    maxCapacity: m.scalableTarget.spec.maxCapacity,
    targetValue: tracking.targetValue,
    scaleInCooldown: tracking.scaleInCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    scaleOutCooldown: tracking.scaleOutCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    disableScaleIn: tracking.disableScaleIn ?? false,
  });
  for (const issue of settingsIssues) {
    const where =
      issue.field === 'minCapacity' || issue.field === 'maxCapacity'
        ? 'ScalableTarget.spec'
        : 'ScalingPolicy.spec.targetTrackingScalingPolicyConfiguration';
    issues.push({
      field: `${where}.${issue.field}`,
      // the settings' messages start with the field name: prefix it to the object path
      message: `${where}.${issue.message}`,
    });
  }
  return issues;
}
