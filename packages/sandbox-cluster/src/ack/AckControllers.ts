/**
 * Simulated ACK controllers (SageMaker and Application Auto Scaling): reconcile the five
 * kinds into the simulated AWS services and write status back, with finalizers,
 * conditions, immutability and references as the real controllers handle them.
 */
import { jsonEqual } from '../jsonEqual';
import { AwsServiceError } from '../aws/AwsServiceError';
import type { ApplicationAutoScalingService } from '../aws/ApplicationAutoScalingService';
import type { SageMakerService } from '../aws/SageMakerService';
import type { ResourceDefinition } from '../kube/crds';
import type { KubeObject } from '../kube/ObjectStore';
import type { ResourceApi } from '../kube/ResourceApi';
import type { SimClock } from '../SimClock';
import { toKubeTime } from '../SimClock';
import { buildConditions, ReconcileOutcome } from './conditions';

const SAGEMAKER_MANAGER = 'ack-sagemaker-controller';
const AAS_MANAGER = 'ack-applicationautoscaling-controller';

/** Finalizer names as ACK writes them. @internal */
export function finalizerFor(kind: string) {
  const group = ['ScalableTarget', 'ScalingPolicy'].includes(kind)
    ? 'applicationautoscaling'
    : 'sagemaker';
  return `finalizers.${group}.services.k8s.aws/${kind}`;
}

interface Memory {
  /** The spec last written to AWS. */
  syncedSpec?: unknown;
  /** When the spec was last written to AWS (ms), for `lastModifiedTime`. */
  modifiedAt?: number;
  /** When the "AWS side" of a deleted object is gone. */
  goneAt?: number;
}

function withoutTags(spec: any) {
  if (!spec || typeof spec !== 'object') return spec;
  const { tags: _t, ...rest } = spec;
  return rest;
}

function errorMessage(e: unknown) {
  if (e instanceof AwsServiceError) return `${e.code}: ${e.message}`;
  return String((e as Error)?.message ?? e);
}

/** @internal */
export interface AckControllersOptions {
  api: ResourceApi;
  clock: SimClock;
  sagemaker: SageMakerService;
  aas: ApplicationAutoScalingService;
  account: { region: string; accountId: string };
  /** Simulated ms between a delete and the finalizer's removal (AWS side gone). */
  deletionDelayMs: number;
}

/**
 * Runs one reconcile pass over all five kinds on demand.
 * @internal
 */
export class AckControllers {
  readonly #o: AckControllersOptions;
  readonly #memory = new Map<string, Memory>();
  readonly #defs: Record<string, ResourceDefinition>;

  constructor(options: AckControllersOptions) {
    this.#o = options;
    const def = (kind: string) => options.api.resourceForKind(kind);
    this.#defs = {
      Model: def('Model'),
      EndpointConfig: def('EndpointConfig'),
      Endpoint: def('Endpoint'),
      ScalableTarget: def('ScalableTarget'),
      ScalingPolicy: def('ScalingPolicy'),
    };
  }

  /** The kinds this controller reconciles, in dependency order. */
  static readonly KINDS = ['Model', 'EndpointConfig', 'Endpoint', 'ScalableTarget', 'ScalingPolicy'];

  /** Objects being deleted whose AWS side is not gone yet: reconciled every pass. */
  readonly #waiting = new Set<string>();

  /** Reconciles every object of the given kinds (default all) once, in dependency order. */
  reconcileAll(kinds: readonly string[] = AckControllers.KINDS): void {
    for (const kind of AckControllers.KINDS) {
      if (!kinds.includes(kind)) continue;
      const def = this.#defs[kind];
      for (const object of this.#o.api.store.list(def.key)) {
        this.#reconcileSafely(kind, def, object);
      }
    }
    this.#forget();
  }

  /** Reconciles objects by `<Kind>|<namespace>|<name>` key, plus pending deletions. */
  reconcileKeys(keys: Iterable<string>): void {
    const all = new Set([...keys, ...this.#waiting]);
    for (const kind of AckControllers.KINDS) {
      const def = this.#defs[kind];
      for (const key of all) {
        const [k, namespace, name] = key.split('|');
        if (k !== kind) continue;
        const object = this.#o.api.store.get(def.key, namespace, name);
        if (object) this.#reconcileSafely(kind, def, object);
        else this.#waiting.delete(key);
      }
    }
  }

  /** Key of an object for reconcileKeys. */
  static keyOf(kind: string, namespace: string | undefined, name: string) {
    return `${kind}|${namespace ?? ''}|${name}`;
  }

  #reconcileSafely(kind: string, def: ResourceDefinition, object: KubeObject) {
    try {
      this.#reconcile(kind, def, object);
    } catch (e) {
      // A concurrent write by a client wins; the next pass retries.
      if ((e as { code?: number }).code !== 409) throw e;
    }
  }

  #forget() {
    // Forget objects that are gone.
    if (this.#memory.size > this.#o.api.store.count() * 2 + 100) {
      const live = new Set<string>();
      for (const d of Object.values(this.#defs)) {
        for (const o of this.#o.api.store.list(d.key)) live.add(o.metadata.uid!);
      }
      for (const uid of this.#memory.keys()) if (!live.has(uid)) this.#memory.delete(uid);
    }
  }

  #mem(object: KubeObject): Memory {
    const uid = object.metadata.uid!;
    let m = this.#memory.get(uid);
    if (!m) {
      m = {};
      this.#memory.set(uid, m);
    }
    return m;
  }

  #reconcile(kind: string, def: ResourceDefinition, object: KubeObject) {
    const finalizer = finalizerFor(kind);
    const manager = def.group.startsWith('sagemaker') ? SAGEMAKER_MANAGER : AAS_MANAGER;
    const mem = this.#mem(object);
    const now = this.#o.clock.now();
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp) {
      const key = AckControllers.keyOf(kind, object.metadata.namespace, object.metadata.name);
      if (!finalizers.includes(finalizer)) {
        this.#waiting.delete(key);
        return;
      }
      this.#waiting.add(key);
      if (mem.goneAt === undefined) {
        this.#deleteAws(kind, object, now);
        mem.goneAt = now + this.#o.deletionDelayMs;
      }
      const awsEndpoint = kind === 'Endpoint' ? this.#o.sagemaker.endpoints.get(this.#spec(object).endpointName) : undefined;
      const stillThere = Boolean(awsEndpoint);
      if (awsEndpoint) {
        // Show the deletion in progress, as the controller's reads do while it waits.
        const status = {
          ...(object.status as Record<string, unknown>),
          ...this.#o.sagemaker.endpointStatus(awsEndpoint),
          conditions: buildConditions(
            { synced: 'False', syncedMessage: `Endpoint is in ${awsEndpoint.status} status.` },
            (object.status as any)?.conditions,
            toKubeTime(now),
          ),
        };
        if (!jsonEqual(object.status, status)) {
          this.#o.api.update(def, object.metadata.namespace, object.metadata.name, { ...object, status }, {
            subresource: 'status',
            fieldManager: manager,
          });
          return;
        }
      }
      if (now >= mem.goneAt && !stillThere) {
        this.#o.api.patch(def, object.metadata.namespace, object.metadata.name, 'merge', {
          metadata: {
            finalizers: finalizers.filter(f => f !== finalizer),
            resourceVersion: object.metadata.resourceVersion,
          },
        }, { fieldManager: manager });
        this.#memory.delete(object.metadata.uid!);
        this.#waiting.delete(key);
      }
      return;
    }
    let current = object;
    if (!finalizers.includes(finalizer)) {
      current = this.#o.api.patch(def, object.metadata.namespace, object.metadata.name, 'merge', {
        metadata: { finalizers: [...finalizers, finalizer], resourceVersion: object.metadata.resourceVersion },
      }, { fieldManager: manager }).object;
    }
    const status = this.#statusFor(kind, current, mem, now);
    if (!jsonEqual(current.status, status)) {
      this.#o.api.update(def, current.metadata.namespace, current.metadata.name, { ...current, status }, {
        subresource: 'status',
        fieldManager: manager,
      });
    }
  }

  #spec(object: KubeObject): any {
    return (object.spec ?? {}) as any;
  }

  #deleteAws(kind: string, object: KubeObject, now: number) {
    const spec = this.#spec(object);
    const { sagemaker, aas } = this.#o;
    const mem = this.#mem(object);
    if (mem.syncedSpec === undefined) return; // never created on the AWS side
    try {
      switch (kind) {
        case 'Model':
          sagemaker.deleteModel(spec.modelName);
          break;
        case 'EndpointConfig':
          sagemaker.deleteEndpointConfig(spec.endpointConfigName);
          break;
        case 'Endpoint':
          sagemaker.deleteEndpoint(spec.endpointName, now);
          break;
        case 'ScalableTarget':
          aas.deregisterScalableTarget(this.#aasKey(spec));
          break;
        case 'ScalingPolicy':
          aas.deleteScalingPolicy({ ...this.#aasKey(spec), PolicyName: spec.policyName });
          break;
        default:
      }
    } catch (e) {
      if (!(e instanceof AwsServiceError && e.code === 'ObjectNotFoundException')) throw e;
    }
  }

  #aasKey(spec: any) {
    return {
      ServiceNamespace: spec.serviceNamespace,
      ResourceId: spec.resourceID,
      ScalableDimension: spec.scalableDimension,
    };
  }

  #base(arn: string | undefined) {
    return {
      ackResourceMetadata: {
        ...(arn ? { arn } : {}),
        ownerAccountID: this.#o.account.accountId,
        region: this.#o.account.region,
      },
    };
  }

  #statusFor(kind: string, object: KubeObject, mem: Memory, now: number): Record<string, unknown> {
    const previous = (object.status as any)?.conditions;
    const iso = toKubeTime(now);
    const finish = (fields: Record<string, unknown>, outcome: ReconcileOutcome) => ({
      ...fields,
      conditions: buildConditions(outcome, previous, iso),
    });
    const spec = this.#spec(object);
    const { sagemaker, aas } = this.#o;

    switch (kind) {
      case 'Model': {
        const immutable = this.#checkImmutable(kind, spec, mem);
        if (!sagemaker.models.has(spec.modelName)) {
          if (mem.syncedSpec !== undefined && immutable) {
            return finish(this.#base(undefined), { synced: 'False', terminal: immutable });
          }
          const images = [spec.primaryContainer, ...(spec.containers ?? [])]
            .filter(Boolean)
            .map((c: any) => String(c.image ?? ''));
          try {
            sagemaker.createModel(spec.modelName, images, now);
            mem.syncedSpec = withoutTags(spec);
          } catch (e) {
            return finish(this.#base(undefined), { synced: 'Unknown', recoverable: errorMessage(e) });
          }
        }
        mem.syncedSpec ??= withoutTags(spec);
        const arn = sagemaker.modelArn(spec.modelName);
        return finish(this.#base(arn), immutable ? { synced: 'False', terminal: immutable } : { synced: 'True' });
      }
      case 'EndpointConfig': {
        const immutable = this.#checkImmutable(kind, spec, mem);
        if (!sagemaker.endpointConfigs.has(spec.endpointConfigName)) {
          try {
            sagemaker.createEndpointConfig(spec.endpointConfigName, spec.productionVariants ?? [], now);
            mem.syncedSpec = withoutTags(spec);
          } catch (e) {
            return finish(this.#base(undefined), { synced: 'Unknown', recoverable: errorMessage(e) });
          }
        }
        mem.syncedSpec ??= withoutTags(spec);
        const arn = sagemaker.endpointConfigArn(spec.endpointConfigName);
        return finish(this.#base(arn), immutable ? { synced: 'False', terminal: immutable } : { synced: 'True' });
      }
      case 'Endpoint':
        return this.#endpointStatus(spec, mem, now, finish);
      case 'ScalableTarget': {
        const key = this.#aasKey(spec);
        let error: unknown;
        const registered = aas.getTarget(key);
        if (!registered || !jsonEqual(mem.syncedSpec, spec)) {
          try {
            aas.registerScalableTarget({
              ...key,
              MinCapacity: spec.minCapacity,
              MaxCapacity: spec.maxCapacity,
              ...(spec.roleARN ? { RoleARN: spec.roleARN } : {}),
              ...(spec.suspendedState
                ? {
                    SuspendedState: {
                      DynamicScalingInSuspended: spec.suspendedState.dynamicScalingInSuspended ?? false,
                      DynamicScalingOutSuspended: spec.suspendedState.dynamicScalingOutSuspended ?? false,
                      ScheduledScalingSuspended: spec.suspendedState.scheduledScalingSuspended ?? false,
                    },
                  }
                : {}),
            });
            mem.syncedSpec = structuredClone(spec);
            mem.modifiedAt = now;
          } catch (e) {
            error = e;
          }
        }
        const target = aas.getTarget(key);
        const fields = {
          ...this.#base(target?.ScalableTargetARN),
          ...(target
            ? {
                creationTime: toKubeTime(target.CreationTime * 1000),
                lastModifiedTime: toKubeTime(mem.modifiedAt ?? target.CreationTime * 1000),
              }
            : {}),
        };
        if (error) return finish(fields, this.#errorOutcome(error));
        return finish(fields, { synced: 'True' });
      }
      case 'ScalingPolicy': {
        const key = this.#aasKey(spec);
        const existing = aas.policiesOf(key).find(p => p.PolicyName === spec.policyName);
        let error: unknown;
        if (!existing || !jsonEqual(mem.syncedSpec, spec)) {
          try {
            const tt = spec.targetTrackingScalingPolicyConfiguration;
            aas.putScalingPolicy({
              ...key,
              PolicyName: spec.policyName,
              PolicyType: spec.policyType,
              ...(tt
                ? {
                    TargetTrackingScalingPolicyConfiguration: {
                      TargetValue: tt.targetValue,
                      ...(tt.predefinedMetricSpecification
                        ? {
                            PredefinedMetricSpecification: {
                              PredefinedMetricType: tt.predefinedMetricSpecification.predefinedMetricType,
                              ...(tt.predefinedMetricSpecification.resourceLabel
                                ? { ResourceLabel: tt.predefinedMetricSpecification.resourceLabel }
                                : {}),
                            },
                          }
                        : {}),
                      ...(tt.customizedMetricSpecification
                        ? { CustomizedMetricSpecification: tt.customizedMetricSpecification }
                        : {}),
                      ScaleInCooldown: tt.scaleInCooldown,
                      ScaleOutCooldown: tt.scaleOutCooldown,
                      DisableScaleIn: tt.disableScaleIn,
                    },
                  }
                : {}),
              ...(spec.stepScalingPolicyConfiguration
                ? { StepScalingPolicyConfiguration: spec.stepScalingPolicyConfiguration }
                : {}),
            });
            mem.syncedSpec = structuredClone(spec);
            mem.modifiedAt = now;
          } catch (e) {
            error = e;
          }
        }
        const policy = aas.policiesOf(key).find(p => p.PolicyName === spec.policyName);
        const fields = {
          ...this.#base(policy?.PolicyARN),
          ...(policy
            ? {
                alarms: policy.Alarms.map(a => ({ alarmName: a.AlarmName, alarmARN: a.AlarmARN })),
                creationTime: toKubeTime(policy.CreationTime * 1000),
                lastModifiedTime: toKubeTime(mem.modifiedAt ?? policy.CreationTime * 1000),
              }
            : {}),
        };
        if (error) return finish(fields, this.#errorOutcome(error));
        return finish(fields, { synced: 'True' });
      }
      default:
        return {};
    }
  }

  #errorOutcome(error: unknown): ReconcileOutcome {
    // Invalid input will not fix itself: Terminal. A missing dependency may appear: Recoverable.
    if (error instanceof AwsServiceError && error.code === 'ValidationException') {
      return { synced: 'False', terminal: errorMessage(error) };
    }
    return { synced: 'Unknown', recoverable: errorMessage(error) };
  }

  /** Model and EndpointConfig cannot be updated: a spec change is Terminal. */
  #checkImmutable(kind: string, spec: any, mem: Memory): string | undefined {
    if (mem.syncedSpec === undefined) return undefined;
    if (jsonEqual(mem.syncedSpec, withoutTags(spec))) return undefined;
    return `not implemented: a ${kind} cannot be updated in SageMaker; create a new ${kind} under a new name and point the ${kind === 'Model' ? 'EndpointConfig' : 'Endpoint'} at it (or revert the spec change)`;
  }

  #endpointStatus(
    spec: any,
    mem: Memory,
    now: number,
    finish: (fields: Record<string, unknown>, outcome: ReconcileOutcome) => Record<string, unknown>,
  ) {
    const { sagemaker, aas } = this.#o;
    let endpoint = sagemaker.endpoints.get(spec.endpointName);
    if (!endpoint) {
      try {
        endpoint = sagemaker.createEndpoint(spec.endpointName, spec.endpointConfigName, now);
        mem.syncedSpec = withoutTags(spec);
      } catch (e) {
        return finish(this.#base(undefined), { synced: 'Unknown', recoverable: errorMessage(e) });
      }
    }
    mem.syncedSpec ??= withoutTags(spec);
    let updateError: string | undefined;
    const wanted = spec.endpointConfigName;
    if (wanted !== endpoint.configName && wanted !== endpoint.pendingConfigName) {
      if (endpoint.status === 'InService') {
        try {
          sagemaker.updateEndpoint(endpoint.name, wanted, now, variant =>
            Boolean(
              aas.getTarget({
                ServiceNamespace: 'sagemaker',
                ResourceId: `endpoint/${endpoint!.name}/variant/${variant}`,
                ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
              }),
            ),
          );
        } catch (e) {
          updateError = errorMessage(e);
        }
      } else if (endpoint.status === 'Failed') {
        updateError = `Endpoint is in Failed status and cannot be updated; delete and recreate it.`;
      }
    }
    const fields = { ...this.#base(endpoint.arn), ...sagemaker.endpointStatus(endpoint) };
    if (endpoint.status === 'Failed') {
      return finish(fields, {
        synced: 'True',
        terminal: 'Endpoint status reached terminal state: Failed. Check the FailureReason.',
      });
    }
    if (['Creating', 'Updating', 'Deleting'].includes(endpoint.status)) {
      return finish(fields, { synced: 'False', syncedMessage: `Endpoint is in ${endpoint.status} status.`, recoverable: updateError });
    }
    if (updateError) {
      return finish(fields, { synced: 'Unknown', recoverable: updateError });
    }
    return finish(fields, { synced: 'True' });
  }
}
