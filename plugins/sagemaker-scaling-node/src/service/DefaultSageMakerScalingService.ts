import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ClustersResponse,
  ScalingActivitiesPage,
  ScalingPlanRouteRequest,
  ScalingPlanRouteResponse,
  ScalingUpdateRequest,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type {
  SageMakerScalingActivitiesRequest,
  SageMakerScalingRequestOptions,
  SageMakerScalingService,
} from './SageMakerScalingService';

/** The backend plugin's id, as discovery and service tokens know it. */
const PLUGIN_ID = 'sagemaker-scaling';

/**
 * HTTP client of the sagemaker-scaling backend plugin, used by the default factory of
 * `sagemakerScalingServiceRef`.
 * @public
 */
export class DefaultSageMakerScalingService implements SageMakerScalingService {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;
  readonly #fetch: typeof fetch;

  static create(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    fetch?: typeof fetch;
  }): DefaultSageMakerScalingService {
    return new DefaultSageMakerScalingService(options);
  }

  private constructor(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    fetch?: typeof fetch;
  }) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
    this.#fetch = options.fetch ?? fetch;
  }

  async getScaling(
    entityRef: string | CompoundEntityRef,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot> {
    return this.#request(`${entityPath(entityRef)}/scaling`, options);
  }

  async getActivities(
    entityRef: string | CompoundEntityRef,
    request: SageMakerScalingActivitiesRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingActivitiesPage> {
    const query = new URLSearchParams();
    if (request.cursor) query.set('cursor', request.cursor);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    const qs = query.toString();
    return this.#request(
      `${entityPath(entityRef)}/activities${qs ? `?${qs}` : ''}`,
      options,
    );
  }

  async updateScaling(
    entityRef: string | CompoundEntityRef,
    update: ScalingUpdateRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot> {
    return this.#request(`${entityPath(entityRef)}/scaling`, options, {
      method: 'PUT',
      body: JSON.stringify(update),
    });
  }

  async adoptEndpoint(
    entityRef: string | CompoundEntityRef,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingSnapshot> {
    return this.#request(`${entityPath(entityRef)}/adopt`, options, {
      method: 'POST',
    });
  }

  async planScaling(
    entityRef: string | CompoundEntityRef,
    body: ScalingPlanRouteRequest,
    options: SageMakerScalingRequestOptions,
  ): Promise<ScalingPlanRouteResponse> {
    return this.#request(`${entityPath(entityRef)}/plan`, options, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  async listClusters(
    options: SageMakerScalingRequestOptions,
  ): Promise<ClustersResponse> {
    return this.#request('/v1/clusters', options);
  }

  async #request<T>(
    path: string,
    options: SageMakerScalingRequestOptions,
    init: { method?: string; body?: string } = {},
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl(PLUGIN_ID);
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: PLUGIN_ID,
    });
    const response = await this.#fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entityRef: string | CompoundEntityRef): string {
  const ref =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return `/v1/entities/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(
    ref.namespace.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}`;
}
