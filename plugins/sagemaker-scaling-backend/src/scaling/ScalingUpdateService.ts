import type { Request } from 'express';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  validateScalingSettings,
  type AnyAckResource,
  type ScalingSnapshot,
  type ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { assertMayChange, endpointBindingOf } from '../binding/endpointBinding';
import {
  endpointLocationOf,
  type ResolvedEndpoint,
  type ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import { applyScalingObjects } from './applyScalingObjects';
import {
  buildScalingApplyObjects,
  type ScalingApplyObjects,
} from './buildScalingApplyObjects';
import { KeyedSerializer } from './KeyedSerializer';
import {
  decodeSettingsVersion,
  describeSettingsChanges,
  editableSettingsOf,
  type EditableSettings,
  type SettingsVersion,
} from './settingsVersion';
import { waitForCachedObject } from './waitForCachedObject';

/** The settings the ScalableTarget holds; the others are the policy's. */
const TARGET_FIELDS: (keyof EditableSettings)[] = [
  'minCapacity',
  'maxCapacity',
];

/**
 * Who asks for an update that comes through no HTTP request: an action (agent tool) and
 * its caller's ref, which the audit records instead of a request.
 * @internal
 */
export interface ActionCaller {
  action: string;
  actor: string;
}

/**
 * `PUT .../scaling`: validates the settings, checks the binding and the expected
 * version, applies the ScalableTarget and the ScalingPolicy (both or neither), waits for
 * the cache to show them, audits (`scaling-update`) and returns the snapshot.
 * @internal
 */
export class ScalingUpdateService {
  readonly #snapshots: ScalingSnapshotService;
  readonly #auditor: AuditorService;
  readonly #updateWaitMs: number;
  readonly #serializer = new KeyedSerializer();

  constructor(options: {
    snapshots: ScalingSnapshotService;
    auditor: AuditorService;
    /** How long an update waits for the cache to show the applied change (default 5 s). */
    updateWaitMs?: number;
  }) {
    this.#snapshots = options.snapshots;
    this.#auditor = options.auditor;
    this.#updateWaitMs = options.updateWaitMs ?? 5000;
  }

  /** Applies `request` to the entity's endpoint; `httpRequest` is what the audit records. */
  async update(
    target: ResolvedEndpoint,
    request: ScalingUpdateRequest,
    httpRequest: Request | ActionCaller,
  ): Promise<ScalingSnapshot> {
    const { expectedVersion, ...update } = request;
    const { variantName: _variantName, ...settings } = update;
    const issues = validateScalingSettings(settings);
    if (issues.length) {
      throw new InputError(
        `Invalid scaling settings: ${issues
          .map(i => `${i.field}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const expected = decodeSettingsVersion(expectedVersion);
    const location = endpointLocationOf(target);
    const { cluster } = location;
    const auditorEvent = await this.#auditor.createEvent({
      eventId: 'scaling-update',
      severityLevel: 'medium',
      ...('actor' in httpRequest
        ? { meta: { ...location, settings: { ...update }, ...httpRequest } }
        : {
            request: httpRequest,
            meta: { ...location, settings: { ...update } },
          }),
    });
    try {
      // Which variant (and so which lock); decided again inside the lock.
      const first = buildScalingApplyObjects(
        { ...location, ...(await this.#snapshots.resources(target)) },
        update,
      );
      const key = `${cluster}/${first.scalableTarget.metadata.namespace}/${first.scalableTarget.spec.resourceID}`;
      const objects = await this.#serializer.run(key, async () => {
        const resources = await this.#snapshots.resources(target);
        assertMayChange(endpointBindingOf(target.entityRef, resources));
        const current = buildScalingApplyObjects(
          { ...location, ...resources },
          update,
        );
        await this.#checkExpectedVersion(target, expected, current);
        const applied = await applyScalingObjects(
          target.cluster.api,
          cluster,
          current,
        );
        await Promise.all([
          this.#waitFor(target, applied.scalableTarget),
          this.#waitFor(target, applied.scalingPolicy),
        ]);
        return current;
      });
      await auditorEvent.success({
        meta: {
          variantName: objects.variantName,
          scalableTarget: objects.scalableTarget.metadata.name,
          scalingPolicy: objects.scalingPolicy.metadata.name,
          createdPolicy: objects.createsPolicy,
        },
      });
      return await this.#snapshots.snapshot(target);
    } catch (e) {
      await auditorEvent.fail({ error: e as Error });
      throw e;
    }
  }

  #waitFor(target: ResolvedEndpoint, applied: AnyAckResource) {
    return waitForCachedObject(
      target.cluster.cache,
      applied,
      this.#updateWaitMs,
    );
  }

  /**
   * 409 when the settings changed since `expected` was read. A new resourceVersion alone
   * (a status update by the controller) is no conflict: only the edited fields count.
   */
  async #checkExpectedVersion(
    target: ResolvedEndpoint,
    expected: SettingsVersion,
    objects: ScalingApplyObjects,
  ) {
    const { scalableTarget, scalingPolicy } = objects.previous;
    if (
      expected.targetResourceVersion ===
        (scalableTarget.metadata.resourceVersion || '-') &&
      expected.policyResourceVersion ===
        (scalingPolicy?.metadata.resourceVersion || '-')
    ) {
      return;
    }
    const changes = describeSettingsChanges(
      expected.settings,
      editableSettingsOf(scalableTarget, scalingPolicy),
    );
    if (changes.length === 0) return;
    const field = changes[0].field;
    const changed = TARGET_FIELDS.includes(field)
      ? scalableTarget
      : scalingPolicy;
    const by = changed
      ? await this.#writerOf(target, changed, field)
      : undefined;
    throw new ConflictError(
      `expectedVersion is out of date: ${changes
        .map(c => c.text)
        .join(', ')} since this edit was made${
        by ? ` (by ${by})` : ''
      }. Reload the settings and apply again`,
    );
  }

  /**
   * The field manager that owns `field` of the object now, per its managedFields (the
   * cache keeps none, so this reads the object from the cluster).
   */
  async #writerOf(
    target: ResolvedEndpoint,
    object: AnyAckResource,
    field: keyof EditableSettings,
  ): Promise<string | undefined> {
    const path = TARGET_FIELDS.includes(field)
      ? ['f:spec', `f:${field}`]
      : ['f:spec', 'f:targetTrackingScalingPolicyConfiguration', `f:${field}`];
    try {
      const live = await target.cluster.api.get(
        object.kind,
        object.metadata.namespace ?? target.namespace,
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
      // Who changed it is a courtesy; the conflict stands without it.
      return undefined;
    }
  }
}
