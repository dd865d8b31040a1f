/**
 * An in-memory SageMakerScalingApi for component tests and the dev app: serves a
 * fixture snapshot, pushes snapshots to open streams on demand, and fails with the
 * backend's real error shapes (ResponseError with Backstage error JSON).
 */
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ClustersResponse,
  FleetPage,
  FleetQuery,
  ScalingActivitiesPage,
  SettingChange,
  SettingChangesPage,
  ScalingSnapshot,
  ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  FollowSnapshotsOptions,
  SageMakerScalingApi,
} from '../api/SageMakerScalingApi';
import { ScalingStreamError } from '../api/ScalingStreamError';
import type {
  InstancePriceEstimate,
  InstancePriceQuery,
  ScalingPlanRequest,
  ScalingPlanResponse,
} from '../api/planTypes';

/** Builds the error the real client throws for a backend error response. @internal */
export async function backendError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode },
  });
  const headers = new Map([['content-type', 'application/json']]);
  return ResponseError.fromResponse({
    ok: false,
    status: statusCode,
    statusText: String(statusCode),
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/sagemaker-scaling',
    headers: {
      get: (key: string) => headers.get(key.toLowerCase()) ?? null,
      has: (key: string) => headers.has(key.toLowerCase()),
    } as unknown as ResponseError['response']['headers'],
    text: async () => body,
  });
}

interface OpenStream {
  options: FollowSnapshotsOptions;
  end(error?: Error): void;
}

/** What the fake was asked, for assertions. @internal */
export interface FakeCall {
  method: string;
  entityRef?: CompoundEntityRef;
  body?: unknown;
}

/**
 * In-memory SageMakerScalingApi: serves a snapshot, pushes to open streams on demand and
 * fails with the backend's error shapes.
 * @internal
 */
export class FakeSageMakerScalingApi implements SageMakerScalingApi {
  snapshot: ScalingSnapshot | undefined;
  /** When set, snapshot reads fail with it. */
  readError: Error | undefined;
  /** When set, opening a stream fails with it; when undefined streams open. */
  streamError: Error | undefined;
  /** When set, updates fail with it. */
  updateError: Error | undefined;
  /** When set, adoptions fail with it. */
  adoptError: Error | undefined;
  /** Send the current snapshot as soon as a stream opens. */
  sendSnapshotOnOpen = true;
  olderActivities: ScalingActivitiesPage = { items: [] };
  /** The answer of plan requests; without one they fail as a missing route would. */
  planResult: ScalingPlanResponse | undefined;
  /** When set, plan requests fail with it. */
  planError: Error | undefined;
  /** The answer of price requests; without one they fail as a missing route would. */
  priceResult: InstancePriceEstimate | undefined;
  /** The answer of fleet requests (the query is recorded in `calls`). */
  fleetPage: FleetPage = { rows: [], totalCount: 0 };
  /** When set, fleet requests fail with it. */
  fleetError: Error | undefined;
  /** The recorded changes, newest first; served in pages of `limit`. */
  history: SettingChange[] = [];
  /** When set, history reads fail with it. */
  historyError: Error | undefined;
  /** When set, reverts fail with it. */
  revertError: Error | undefined;
  readonly calls: FakeCall[] = [];
  readonly #streams = new Set<OpenStream>();

  constructor(snapshot?: ScalingSnapshot) {
    this.snapshot = snapshot;
  }

  /** Number of streams currently open. */
  get openStreams(): number {
    return this.#streams.size;
  }

  async getSnapshot(entityRef: CompoundEntityRef): Promise<ScalingSnapshot> {
    this.calls.push({ method: 'getSnapshot', entityRef });
    if (this.readError) {
      throw this.readError;
    }
    if (!this.snapshot) {
      throw await backendError(404, 'NotFoundError', 'No such entity');
    }
    return this.snapshot;
  }

  async getActivities(
    entityRef: CompoundEntityRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<ScalingActivitiesPage> {
    this.calls.push({ method: 'getActivities', entityRef, body: options });
    return this.olderActivities;
  }

  followSnapshots(
    entityRef: CompoundEntityRef,
    options: FollowSnapshotsOptions,
  ): Promise<void> {
    this.calls.push({ method: 'followSnapshots', entityRef });
    if (this.streamError) {
      return Promise.reject(this.streamError);
    }
    return new Promise<void>((resolve, reject) => {
      const stream: OpenStream = {
        options,
        end: (error?: Error) => {
          this.#streams.delete(stream);
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        },
      };
      this.#streams.add(stream);
      options.signal.addEventListener('abort', () => {
        const abort = new Error('The stream was aborted');
        abort.name = 'AbortError';
        stream.end(abort);
      });
      options.onOpen?.();
      if (this.sendSnapshotOnOpen && this.snapshot) {
        options.onSnapshot(this.snapshot);
      }
    });
  }

  async updateScaling(
    entityRef: CompoundEntityRef,
    update: ScalingUpdateRequest,
  ): Promise<ScalingSnapshot> {
    this.calls.push({ method: 'updateScaling', entityRef, body: update });
    if (this.updateError) {
      throw this.updateError;
    }
    if (!this.snapshot) {
      throw await backendError(404, 'NotFoundError', 'No such entity');
    }
    this.snapshot = applySettings(this.snapshot, update);
    return this.snapshot;
  }

  async adoptEndpoint(entityRef: CompoundEntityRef): Promise<ScalingSnapshot> {
    this.calls.push({ method: 'adoptEndpoint', entityRef });
    if (this.adoptError) {
      throw this.adoptError;
    }
    if (!this.snapshot) {
      throw await backendError(404, 'NotFoundError', 'No such entity');
    }
    const self = this.snapshot.entityRef;
    this.snapshot = {
      ...this.snapshot,
      binding: {
        state: 'bound',
        boundTo: [self],
        reason: `The endpoint is bound to ${self}`,
      },
      findings: this.snapshot.findings.filter(
        f => f.code !== 'endpoint-unbound',
      ),
    };
    return this.snapshot;
  }

  async getClusters(): Promise<ClustersResponse> {
    this.calls.push({ method: 'getClusters' });
    return {
      clusters: [
        {
          name: this.snapshot?.cluster ?? 'sandbox',
          reachable: !this.readError,
        },
      ],
    };
  }

  async planScaling(
    entityRef: CompoundEntityRef,
    request: ScalingPlanRequest,
  ): Promise<ScalingPlanResponse> {
    this.calls.push({ method: 'planScaling', entityRef, body: request });
    if (this.planError) {
      throw this.planError;
    }
    if (!this.planResult) {
      throw await backendError(404, 'NotFoundError', 'No plan route');
    }
    return this.planResult;
  }

  async getPrices(query: InstancePriceQuery): Promise<InstancePriceEstimate> {
    this.calls.push({ method: 'getPrices', body: query });
    if (!this.priceResult) {
      throw await backendError(404, 'NotFoundError', 'No prices route');
    }
    return this.priceResult;
  }

  async getFleet(query: FleetQuery = {}): Promise<FleetPage> {
    this.calls.push({ method: 'getFleet', body: query });
    if (this.fleetError) {
      throw this.fleetError;
    }
    return this.fleetPage;
  }

  async getHistory(
    entityRef: CompoundEntityRef,
    options?: { variantName?: string; limit?: number; cursor?: string },
  ): Promise<SettingChangesPage> {
    this.calls.push({ method: 'getHistory', entityRef, body: options });
    if (this.historyError) {
      throw this.historyError;
    }
    const matching = this.history.filter(
      c =>
        (!options?.variantName || c.variantName === options.variantName) &&
        (!options?.cursor || c.id < Number(options.cursor)),
    );
    const items = matching.slice(0, options?.limit ?? 20);
    const last = items[items.length - 1];
    return {
      items,
      ...(matching.length > items.length && last
        ? { nextCursor: String(last.id) }
        : {}),
    };
  }

  async revertChange(
    entityRef: CompoundEntityRef,
    changeId: number,
    request: { expectedVersion: string },
  ): Promise<ScalingSnapshot> {
    this.calls.push({
      method: 'revertChange',
      entityRef,
      body: { changeId, ...request },
    });
    if (this.revertError) {
      throw this.revertError;
    }
    const change = this.history.find(c => c.id === changeId);
    if (!change || !this.snapshot) {
      throw await backendError(
        404,
        'NotFoundError',
        `Change ${changeId} not found`,
      );
    }
    const variant = this.snapshot.variants.find(
      v => v.variantName === change.variantName,
    );
    const current = {
      minCapacity: variant?.minCapacity ?? 1,
      maxCapacity: variant?.maxCapacity ?? 1,
      targetValue: variant?.targetValue ?? 1,
      scaleInCooldown: variant?.scaleInCooldown ?? 300,
      scaleOutCooldown: variant?.scaleOutCooldown ?? 300,
      disableScaleIn: variant?.disableScaleIn ?? false,
    };
    this.snapshot = applySettings(this.snapshot, {
      variantName: change.variantName,
      ...current,
      ...change.before,
      expectedVersion: request.expectedVersion,
    });
    // Recorded as the backend records it: a 'revert' by the caller, newest first.
    this.history = [
      {
        ...change,
        id: Math.max(0, ...this.history.map(c => c.id)) + 1,
        before: current,
        after: { ...current, ...change.before },
        actor: 'user:default/guest',
        source: 'revert',
        result: 'success',
        message: undefined,
        createdAt: new Date().toISOString(),
      },
      ...this.history,
    ];
    return this.snapshot;
  }

  /** Pushes a snapshot to every open stream, as the backend does on a change. */
  push(snapshot: ScalingSnapshot): void {
    this.snapshot = snapshot;
    for (const stream of this.#streams) {
      stream.options.onSnapshot(snapshot);
    }
  }

  /** Sends a heartbeat on every open stream. */
  heartbeat(): void {
    for (const stream of this.#streams) {
      stream.options.onHeartbeat?.();
    }
  }

  /** Sends an `error` event (the stream stays open), as the backend does on a failure. */
  reportStreamError(name: string, message: string): void {
    for (const stream of this.#streams) {
      stream.options.onError?.(new ScalingStreamError(message, name));
    }
  }

  /** Breaks every open stream (with an error) or ends it (without). */
  dropStreams(error?: Error): void {
    for (const stream of [...this.#streams]) {
      stream.end(error);
    }
  }
}

/** Applies an update to a snapshot the way the backend would report it afterwards. @internal */
export function applySettings(
  snapshot: ScalingSnapshot,
  update: ScalingUpdateRequest,
): ScalingSnapshot {
  const { expectedVersion: _expectedVersion, ...settings } = update;
  const variantName = settings.variantName ?? snapshot.variants[0]?.variantName;
  const variant = snapshot.variants.find(v => v.variantName === variantName);
  const { variantName: _variantName, ...values } = settings;
  return {
    ...snapshot,
    observedAt: new Date().toISOString(),
    variants: snapshot.variants.map(v =>
      v === variant
        ? {
            ...v,
            ...values,
            atMaxCapacity:
              (v.desiredInstanceCount ?? v.currentInstanceCount ?? 0) >=
              values.maxCapacity,
            settingsVersion: `${v.settingsVersion}+1`,
          }
        : v,
    ),
    scalableTargets: snapshot.scalableTargets.map(t =>
      t.ref.name === variant?.scalableTargetName
        ? {
            ...t,
            minCapacity: update.minCapacity,
            maxCapacity: update.maxCapacity,
          }
        : t,
    ),
    scalingPolicies: snapshot.scalingPolicies.map(p =>
      p.ref.name === variant?.scalingPolicyName
        ? {
            ...p,
            targetValue: update.targetValue,
            scaleInCooldown: update.scaleInCooldown,
            scaleOutCooldown: update.scaleOutCooldown,
            disableScaleIn: update.disableScaleIn,
          }
        : p,
    ),
  };
}
