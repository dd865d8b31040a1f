import type { AnyAckResource } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AckClusterApi } from '@mlplatform/plugin-sagemaker-scaling-node';
import type { EditableSettings } from './settingsVersion';

/** The settings the ScalableTarget holds; the others are the policy's. @internal */
export const TARGET_FIELDS: (keyof EditableSettings)[] = [
  'minCapacity',
  'maxCapacity',
];

/**
 * The field manager that last wrote `field` of the object, per its managedFields (the
 * cache keeps none, so this reads the object from the cluster); undefined when unknown.
 * @internal
 */
export async function fieldManagerOf(
  api: AckClusterApi,
  object: AnyAckResource,
  namespace: string,
  field: keyof EditableSettings,
): Promise<string | undefined> {
  const path = TARGET_FIELDS.includes(field)
    ? ['f:spec', `f:${field}`]
    : ['f:spec', 'f:targetTrackingScalingPolicyConfiguration', `f:${field}`];
  try {
    const live = await api.get(
      object.kind,
      object.metadata.namespace ?? namespace,
      object.metadata.name,
    );
    const owners = (
      (live?.metadata.managedFields ?? []) as {
        manager?: string;
        time?: string;
        fieldsV1?: Record<string, any>;
      }[]
    ).filter(entry =>
      path.reduce<any>((node, key) => node?.[key], entry.fieldsV1),
    );
    owners.sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
    return owners[0]?.manager;
  } catch {
    // Who changed it is a courtesy; callers go on without it.
    return undefined;
  }
}
