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
import {
  scalableTargetStatus,
  scalingPolicyStatus,
} from './autoScalingResources';
import { buildConditions } from './conditions';
import { aasKey, ControllerMemory, ReconcileContext } from './reconcileContext';
import {
  endpointConfigStatus,
  endpointStatus,
  modelStatus,
} from './sageMakerResources';

const SAGEMAKER_MANAGER = 'ack-sagemaker-controller';
const AAS_MANAGER = 'ack-applicationautoscaling-controller';

/** Finalizer names as ACK writes them. @internal */
export function finalizerFor(kind: string) {
  const group = ['ScalableTarget', 'ScalingPolicy'].includes(kind)
    ? 'applicationautoscaling'
    : 'sagemaker';
  return `finalizers.${group}.services.k8s.aws/${kind}`;
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
  readonly #memory = new Map<string, ControllerMemory>();
  readonly #defs: Record<string, ResourceDefinition>;

  /** What the controllers remember per object, for the state file. */
  snapshot(): Array<[string, ControllerMemory]> {
    return [...this.#memory];
  }

  /** Puts saved memory back, so a restart does not re-sync what was synced. */
  restore(saved: Array<[string, ControllerMemory]>): void {
    for (const [uid, memory] of saved) this.#memory.set(uid, memory);
  }

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
  static readonly KINDS = [
    'Model',
    'EndpointConfig',
    'Endpoint',
    'ScalableTarget',
    'ScalingPolicy',
  ];

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
        for (const o of this.#o.api.store.list(d.key))
          live.add(o.metadata.uid!);
      }
      for (const uid of this.#memory.keys())
        if (!live.has(uid)) this.#memory.delete(uid);
    }
  }

  #mem(object: KubeObject): ControllerMemory {
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
    const manager = def.group.startsWith('sagemaker')
      ? SAGEMAKER_MANAGER
      : AAS_MANAGER;
    const mem = this.#mem(object);
    const now = this.#o.clock.now();
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp) {
      const key = AckControllers.keyOf(
        kind,
        object.metadata.namespace,
        object.metadata.name,
      );
      if (!finalizers.includes(finalizer)) {
        this.#waiting.delete(key);
        return;
      }
      this.#waiting.add(key);
      if (mem.goneAt === undefined) {
        this.#deleteAws(kind, object, now);
        mem.goneAt = now + this.#o.deletionDelayMs;
      }
      const awsEndpoint =
        kind === 'Endpoint'
          ? this.#o.sagemaker.endpoints.get(this.#spec(object).endpointName)
          : undefined;
      const stillThere = Boolean(awsEndpoint);
      if (awsEndpoint) {
        // Show the deletion in progress, as the controller's reads do while it waits.
        const status = {
          ...(object.status as Record<string, unknown>),
          ...this.#o.sagemaker.endpointStatus(awsEndpoint),
          conditions: buildConditions(
            {
              synced: 'False',
              syncedMessage: `Endpoint is in ${awsEndpoint.status} status.`,
            },
            (object.status as any)?.conditions,
            toKubeTime(now),
          ),
        };
        if (this.#writeStatus(def, object, status, manager)) return;
      }
      if (now >= mem.goneAt && !stillThere) {
        this.#o.api.patch(
          def,
          object.metadata.namespace,
          object.metadata.name,
          'merge',
          {
            metadata: {
              finalizers: finalizers.filter(f => f !== finalizer),
              resourceVersion: object.metadata.resourceVersion,
            },
          },
          { fieldManager: manager },
        );
        this.#memory.delete(object.metadata.uid!);
        this.#waiting.delete(key);
      }
      return;
    }
    let current = object;
    if (!finalizers.includes(finalizer)) {
      current = this.#o.api.patch(
        def,
        object.metadata.namespace,
        object.metadata.name,
        'merge',
        {
          metadata: {
            finalizers: [...finalizers, finalizer],
            resourceVersion: object.metadata.resourceVersion,
          },
        },
        { fieldManager: manager },
      ).object;
    }
    this.#writeStatus(
      def,
      current,
      this.#statusFor(kind, current, mem, now),
      manager,
    );
  }

  /** Writes the status subresource when it differs; true when it wrote. */
  #writeStatus(
    def: ResourceDefinition,
    object: KubeObject,
    status: Record<string, unknown>,
    manager: string,
  ): boolean {
    if (jsonEqual(object.status, status)) return false;
    this.#o.api.update(
      def,
      object.metadata.namespace,
      object.metadata.name,
      { ...object, status },
      { subresource: 'status', fieldManager: manager },
    );
    return true;
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
          aas.deregisterScalableTarget(aasKey(spec));
          break;
        case 'ScalingPolicy':
          aas.deleteScalingPolicy({
            ...aasKey(spec),
            PolicyName: spec.policyName,
          });
          break;
        default:
      }
    } catch (e) {
      if (
        !(e instanceof AwsServiceError && e.code === 'ObjectNotFoundException')
      )
        throw e;
    }
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

  #statusFor(
    kind: string,
    object: KubeObject,
    mem: ControllerMemory,
    now: number,
  ): Record<string, unknown> {
    const previous = (object.status as any)?.conditions;
    const iso = toKubeTime(now);
    const ctx: ReconcileContext = {
      spec: this.#spec(object),
      mem,
      now,
      sagemaker: this.#o.sagemaker,
      aas: this.#o.aas,
      base: arn => this.#base(arn),
      finish: (fields, outcome) => ({
        ...fields,
        conditions: buildConditions(outcome, previous, iso),
      }),
    };
    const byKind: Record<
      string,
      (c: ReconcileContext) => Record<string, unknown>
    > = {
      Model: modelStatus,
      EndpointConfig: endpointConfigStatus,
      Endpoint: endpointStatus,
      ScalableTarget: scalableTargetStatus,
      ScalingPolicy: scalingPolicyStatus,
    };
    return byKind[kind](ctx);
  }
}
