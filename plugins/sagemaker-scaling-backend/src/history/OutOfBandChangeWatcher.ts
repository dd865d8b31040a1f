import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  boundEntityRef,
  parseVariantResourceId,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { SAGEMAKER_SCALING_FIELD_MANAGER } from '@mlplatform/plugin-sagemaker-scaling-node';
import type { ResourceChange } from '../cache/ClusterResourceCache';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import { fieldManagerOf, TARGET_FIELDS } from '../scaling/fieldManagerOf';
import { KeyedSerializer } from '../scaling/KeyedSerializer';
import {
  describeSettingsChanges,
  editableSettingsOf,
  type EditableSettings,
} from '../scaling/settingsVersion';
import { variantScalingObjects } from '../scaling/variantScalingObjects';
import { definedSettings } from './definedSettings';
import type { SettingChangeStore } from './SettingChangeStore';

/**
 * Records changes of variants' settings made outside this plugin (kubectl, GitOps,
 * another tool), seen in the watch cache: a variant's settings differ from the last
 * ones it knew (the database's last recorded after-settings, else the first list) and
 * the changed field's manager is not ours. The change's key (object uids and
 * resourceVersions) makes replicas watching the same cluster record it once.
 * @internal
 */
export class OutOfBandChangeWatcher {
  readonly #store: SettingChangeStore;
  readonly #clusters: ClusterRegistry;
  readonly #logger: LoggerService;
  readonly #baselines = new Map<string, EditableSettings>();
  readonly #serializer = new KeyedSerializer();
  readonly #unsubscribe: (() => void)[] = [];
  #stopped = false;

  constructor(options: {
    store: SettingChangeStore;
    clusters: ClusterRegistry;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#clusters = options.clusters;
    this.#logger = options.logger;
  }

  /** Compares every variant once the cluster's cache is synced, then follows changes. */
  start() {
    for (const cluster of this.#clusters.list()) {
      const onChange = (change: ResourceChange) => {
        if (
          change.kind !== 'ScalableTarget' &&
          change.kind !== 'ScalingPolicy'
        ) {
          return;
        }
        const object = cluster.cache.get(
          change.kind,
          change.namespace,
          change.name,
        ) as ScalableTarget | ScalingPolicy | undefined;
        if (object)
          this.#check(cluster, change.namespace, object.spec.resourceID);
      };
      cluster.cache.on('change', onChange);
      this.#unsubscribe.push(() => cluster.cache.off('change', onChange));
      void this.#checkAllOnceSynced(cluster);
    }
  }

  stop() {
    this.#stopped = true;
    this.#unsubscribe.forEach(off => off());
  }

  /** Resolves once every queued comparison is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#serializer.run('', async () => undefined);
  }

  async #checkAllOnceSynced(cluster: ClusterConnection) {
    while (!this.#stopped && !(await cluster.cache.waitForSync(30_000))) {
      // Keep waiting: an unreachable cluster is reported by the cache itself.
    }
    if (this.#stopped) return;
    for (const target of cluster.cache.listAll(
      'ScalableTarget',
    ) as ScalableTarget[]) {
      this.#check(
        cluster,
        target.metadata.namespace ?? '',
        target.spec.resourceID,
      );
    }
  }

  #check(cluster: ClusterConnection, namespace: string, resourceId: string) {
    const key = `${cluster.config.name}/${namespace}/${resourceId}`;
    // One comparison at a time overall: each reads the baseline the previous one left.
    void this.#serializer
      .run('', () => this.#compare(cluster, namespace, resourceId, key))
      .catch(e =>
        this.#logger.warn(
          `Could not record an out-of-band change of ${key}: ${e}`,
        ),
      );
  }

  async #compare(
    cluster: ClusterConnection,
    namespace: string,
    resourceId: string,
    key: string,
  ) {
    const variant = parseVariantResourceId(resourceId);
    if (!variant || this.#stopped) return;
    const { target, policy } = variantScalingObjects(
      {
        scalableTargets: cluster.cache.scalableTargetsFor(
          namespace,
          variant.endpointName,
        ),
        scalingPolicies: cluster.cache.scalingPoliciesFor(
          namespace,
          variant.endpointName,
        ),
      },
      variant.endpointName,
      variant.variantName,
    );
    if (!target) return;
    const current = editableSettingsOf(target, policy);
    const baseline =
      this.#baselines.get(key) ??
      (await this.#store.lastSettings(
        cluster.config.name,
        namespace,
        resourceId,
      ));
    // An object appearing or going (the policy synced after the target) is no change
    // of a setting: only fields both sides have count, and the baseline keeps the rest.
    this.#baselines.set(key, { ...baseline, ...definedSettings(current) });
    if (!baseline) return;
    const changes = describeSettingsChanges(baseline, current).filter(
      c => baseline[c.field] !== undefined && current[c.field] !== undefined,
    );
    if (changes.length === 0) return;
    const field = changes[0].field;
    const changed = TARGET_FIELDS.includes(field) ? target : policy;
    const actor = changed
      ? await fieldManagerOf(cluster.api, changed, namespace, field)
      : undefined;
    // Our own updates are recorded by the update path, with the user who made them.
    if (actor === SAGEMAKER_SCALING_FIELD_MANAGER) return;
    await this.#store.record({
      changeKey: [
        'out-of-band',
        cluster.config.name,
        target.metadata.uid ?? target.metadata.name,
        target.metadata.resourceVersion,
        policy?.metadata.uid ?? '-',
        policy?.metadata.resourceVersion ?? '-',
      ].join(':'),
      entityRef: boundEntityRef(target),
      cluster: cluster.config.name,
      namespace,
      resourceId,
      endpointName: variant.endpointName,
      variantName: variant.variantName,
      before: baseline,
      after: { ...baseline, ...definedSettings(current) },
      actor: actor ?? 'unknown',
      source: 'out-of-band',
      result: 'success',
    });
  }
}
