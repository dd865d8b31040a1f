import type { Request } from 'express';
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  validateScalingSettings,
  type AnyAckResource,
  type ScalingSettingsUpdate,
  type ScalingSnapshot,
  type ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { assertMayChange, endpointBindingOf } from '../binding/endpointBinding';
import type {
  ScalingChangeOrigin,
  ScalingChangeRecorder,
} from '../history/ScalingChangeRecorder';
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
import { fieldManagerOf, TARGET_FIELDS } from './fieldManagerOf';
import { KeyedSerializer } from './KeyedSerializer';
import {
  decodeSettingsVersion,
  describeSettingsChanges,
  editableSettingsOf,
  type SettingsVersion,
} from './settingsVersion';
import { waitForCachedObject } from './waitForCachedObject';

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
  readonly #history?: ScalingChangeRecorder;
  readonly #logger?: LoggerService;

  constructor(options: {
    snapshots: ScalingSnapshotService;
    auditor: AuditorService;
    /** How long an update waits for the cache to show the applied change (default 5 s). */
    updateWaitMs?: number;
    /** Told of every attempted update of a known variant (the change history). */
    history?: ScalingChangeRecorder;
    /** Where a history write that failed after the change was applied is reported. */
    logger?: LoggerService;
  }) {
    this.#history = options.history;
    this.#logger = options.logger;
    this.#snapshots = options.snapshots;
    this.#auditor = options.auditor;
    this.#updateWaitMs = options.updateWaitMs ?? 5000;
  }

  /**
   * Applies `request` to the entity's endpoint; `httpRequest` is what the audit records,
   * `origin` who the history names.
   */
  async update(
    target: ResolvedEndpoint,
    request: ScalingUpdateRequest,
    httpRequest: Request | ActionCaller,
    origin?: ScalingChangeOrigin,
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
    let attempted: ScalingApplyObjects | undefined;
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
        attempted = current;
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
      await this.#record(target, origin, objects, update);
      return await this.#snapshots.snapshot(target);
    } catch (e) {
      await auditorEvent.fail({ error: e as Error });
      if (attempted) await this.#record(target, origin, attempted, update, e);
      throw e;
    }
  }

  async #record(
    target: ResolvedEndpoint,
    origin: ScalingChangeOrigin | undefined,
    objects: ScalingApplyObjects,
    update: ScalingSettingsUpdate,
    error?: unknown,
  ) {
    if (!this.#history || !origin) return;
    try {
      await this.#history.recordUpdate({
        target,
        origin,
        objects,
        update,
        error: error as Error | undefined,
      });
    } catch (e) {
      // The cluster has the change (or the refusal) either way: a history write that
      // fails must not turn an applied update into an error for the caller.
      this.#logger?.error(
        `Could not record the scaling change of ${
          target.entityRef
        } in the history: ${(e as Error).message}`,
      );
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
      ? await fieldManagerOf(
          target.cluster.api,
          changed,
          target.namespace,
          field,
        )
      : undefined;
    throw new ConflictError(
      `expectedVersion is out of date: ${changes
        .map(c => c.text)
        .join(', ')} since this edit was made${
        by ? ` (by ${by})` : ''
      }. Reload the settings and apply again`,
    );
  }
}
