import {
  buildScaledEndpointFieldSchema,
  type ScaledEndpointField,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { RegistryZod } from './registryZod';

/**
 * A variant's editable scaling settings as action input fields, each from its rule in the
 * shared rule table (`SCALED_ENDPOINT_FIELD_RULES`: bounds, message, description), so an
 * agent sees the same limits the edit form and `PUT .../scaling` enforce. The casts name
 * the kind of rule the table gives each field (tests hold the schemas to the table).
 * @internal
 */
export function scalingSettingsFields(z: RegistryZod) {
  const count = (field: ScaledEndpointField) =>
    buildScaledEndpointFieldSchema(z, field) as ReturnType<typeof z.number>;
  return {
    minCapacity: count('minCapacity'),
    maxCapacity: count('maxCapacity'),
    targetValue: count('targetValue'),
    scaleInCooldown: count('scaleInCooldown'),
    scaleOutCooldown: count('scaleOutCooldown'),
    disableScaleIn: buildScaledEndpointFieldSchema(
      z,
      'disableScaleIn',
    ) as ReturnType<typeof z.boolean>,
  };
}

/** The optional `variantName` input: which production variant (the rule table's rule). @internal */
export function variantNameField(z: RegistryZod) {
  return (
    buildScaledEndpointFieldSchema(z, 'variantName') as ReturnType<
      typeof z.string
    >
  )
    .optional()
    .describe(
      'The production variant, as get-ml-endpoint-scaling names it; may be omitted when the endpoint has exactly one',
    );
}

/** The `entityRef` input every action takes. @internal */
export function entityRefField(z: RegistryZod) {
  return z
    .string()
    .min(1)
    .max(400)
    .describe(
      'The ML service catalog entity, e.g. component:default/churn-prediction (kind defaults to component, namespace to default)',
    );
}
