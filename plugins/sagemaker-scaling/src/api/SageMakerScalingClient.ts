import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  SCALING_API_VERSION_PATH,
  SCALING_EVENT_ERROR,
  SCALING_EVENT_HEARTBEAT,
  SCALING_EVENT_SNAPSHOT,
  type ClustersResponse,
  type FleetPage,
  type FleetQuery,
  type ScalingActivitiesPage,
  type SettingChangesPage,
  type ScalingSnapshot,
  type ScalingUpdateRequest,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  FollowSnapshotsOptions,
  SageMakerScalingApi,
} from './SageMakerScalingApi';
import type {
  InstancePriceEstimate,
  InstancePriceQuery,
  ScalingPlanRequest,
  ScalingPlanResponse,
} from './planTypes';
import { ScalingStreamError } from './ScalingStreamError';
import { ServerSentEventParser } from './ServerSentEventParser';

const PLUGIN_ID = 'sagemaker-scaling';

/**
 * HTTP client of the `sagemaker-scaling` backend plugin. Goes through `fetchApi`, so
 * every request (including the event stream) carries the user's Backstage token.
 * @public
 */
export class SageMakerScalingClient implements SageMakerScalingApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getSnapshot(
    entityRef: CompoundEntityRef,
    options?: { signal?: AbortSignal },
  ): Promise<ScalingSnapshot> {
    const url = await this.#entityUrl(entityRef, 'scaling');
    return this.#json<ScalingSnapshot>(url, { signal: options?.signal });
  }

  async getActivities(
    entityRef: CompoundEntityRef,
    options?: { limit?: number; cursor?: string; signal?: AbortSignal },
  ): Promise<ScalingActivitiesPage> {
    const url = new URL(await this.#entityUrl(entityRef, 'activities'));
    if (options?.limit !== undefined) {
      url.searchParams.set('limit', String(options.limit));
    }
    if (options?.cursor) {
      url.searchParams.set('cursor', options.cursor);
    }
    return this.#json<ScalingActivitiesPage>(url.toString(), {
      signal: options?.signal,
    });
  }

  async updateScaling(
    entityRef: CompoundEntityRef,
    update: ScalingUpdateRequest,
  ): Promise<ScalingSnapshot> {
    const url = await this.#entityUrl(entityRef, 'scaling');
    return this.#json<ScalingSnapshot>(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(update),
    });
  }

  async adoptEndpoint(entityRef: CompoundEntityRef): Promise<ScalingSnapshot> {
    const url = await this.#entityUrl(entityRef, 'adopt');
    return this.#json<ScalingSnapshot>(url, { method: 'POST' });
  }

  async getClusters(): Promise<ClustersResponse> {
    const base = await this.#discoveryApi.getBaseUrl(PLUGIN_ID);
    return this.#json<ClustersResponse>(
      `${base}${SCALING_API_VERSION_PATH}/clusters`,
      {},
    );
  }

  async planScaling(
    entityRef: CompoundEntityRef,
    request: ScalingPlanRequest,
    options?: { signal?: AbortSignal },
  ): Promise<ScalingPlanResponse> {
    const url = await this.#entityUrl(entityRef, 'plan');
    return this.#json<ScalingPlanResponse>(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal: options?.signal,
    });
  }

  async getPrices(
    query: InstancePriceQuery,
    options?: { signal?: AbortSignal },
  ): Promise<InstancePriceEstimate> {
    const base = await this.#discoveryApi.getBaseUrl(PLUGIN_ID);
    const url = new URL(`${base}${SCALING_API_VERSION_PATH}/prices`);
    url.searchParams.set('instanceType', query.instanceType);
    url.searchParams.set('minCapacity', String(query.minCapacity));
    url.searchParams.set('maxCapacity', String(query.maxCapacity));
    return this.#json<InstancePriceEstimate>(url.toString(), {
      signal: options?.signal,
    });
  }

  async getFleet(
    query: FleetQuery = {},
    options?: { signal?: AbortSignal },
  ): Promise<FleetPage> {
    const base = await this.#discoveryApi.getBaseUrl(PLUGIN_ID);
    const url = new URL(`${base}${SCALING_API_VERSION_PATH}/fleet`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(',') : String(value);
      if (text) url.searchParams.set(key, text);
    }
    return this.#json<FleetPage>(url.toString(), { signal: options?.signal });
  }

  async getHistory(
    entityRef: CompoundEntityRef,
    options?: {
      variantName?: string;
      limit?: number;
      cursor?: string;
      signal?: AbortSignal;
    },
  ): Promise<SettingChangesPage> {
    const url = new URL(await this.#entityUrl(entityRef, 'history'));
    if (options?.variantName) {
      url.searchParams.set('variantName', options.variantName);
    }
    if (options?.limit !== undefined) {
      url.searchParams.set('limit', String(options.limit));
    }
    if (options?.cursor) {
      url.searchParams.set('cursor', options.cursor);
    }
    return this.#json<SettingChangesPage>(url.toString(), {
      signal: options?.signal,
    });
  }

  async revertChange(
    entityRef: CompoundEntityRef,
    changeId: number,
    request: { expectedVersion: string },
  ): Promise<ScalingSnapshot> {
    const url = await this.#entityUrl(
      entityRef,
      `history/${encodeURIComponent(String(changeId))}/revert`,
    );
    return this.#json<ScalingSnapshot>(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async followSnapshots(
    entityRef: CompoundEntityRef,
    options: FollowSnapshotsOptions,
  ): Promise<void> {
    const url = await this.#entityUrl(entityRef, 'events');
    // EventSource cannot send the Authorization header, so read the stream by hand.
    const response = await this.#fetchApi.fetch(url, {
      headers: { Accept: 'text/event-stream' },
      signal: options.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (!response.body) {
      throw new ScalingStreamError(
        'The event stream has no readable body in this browser',
      );
    }

    options.onOpen?.();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new ServerSentEventParser();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        const text = decoder.decode(value, { stream: true });
        for (const event of parser.push(text)) {
          handleEvent(event.event, event.data, options);
        }
      }
    } finally {
      if (!finished) {
        // Close the connection when we stop early (bad event, abort).
        await reader.cancel().catch(() => undefined);
      }
      reader.releaseLock();
    }
  }

  async #entityUrl(entityRef: CompoundEntityRef, resource: string) {
    const base = await this.#discoveryApi.getBaseUrl(PLUGIN_ID);
    // Entity kinds are case-insensitive in the catalog; the lower-case form is canonical in URLs.
    const segments = [
      entityRef.kind.toLocaleLowerCase('en-US'),
      entityRef.namespace,
      entityRef.name,
    ].map(encodeURIComponent);
    return `${base}${SCALING_API_VERSION_PATH}/entities/${segments.join(
      '/',
    )}/${resource}`;
  }

  async #json<T>(url: string, init: RequestInit): Promise<T> {
    const response = await this.#fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function handleEvent(
  name: string,
  data: string,
  options: FollowSnapshotsOptions,
): void {
  if (name === SCALING_EVENT_SNAPSHOT) {
    let snapshot: ScalingSnapshot;
    try {
      snapshot = JSON.parse(data);
    } catch {
      throw new ScalingStreamError(
        'The event stream sent a snapshot that is not valid JSON',
      );
    }
    options.onSnapshot(snapshot);
  } else if (name === SCALING_EVENT_HEARTBEAT) {
    options.onHeartbeat?.();
  } else if (name === SCALING_EVENT_ERROR) {
    const error = parseStreamError(data);
    if (!options.onError) {
      throw error;
    }
    options.onError(error);
  }
}

/**
 * The stream's `error` event carries `{ name, message }`, Backstage error JSON
 * (`{ error: { name, message } }`) or plain text.
 */
function parseStreamError(data: string): ScalingStreamError {
  try {
    const parsed = JSON.parse(data);
    const body = parsed?.error ?? parsed;
    if (typeof body?.message === 'string' && body.message) {
      return new ScalingStreamError(
        body.message,
        typeof body.name === 'string' ? body.name : undefined,
      );
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return new ScalingStreamError(data || 'The event stream reported an error');
}
