/**
 * The "AWS side" of SageMaker hosting that the simulated ACK controller talks to:
 * models, endpoint configs and endpoints with their status transitions and per-variant
 * instance counts.
 */
import type { ProductionVariant } from '@mlplatform/plugin-sagemaker-scaling-common';
import { toKubeTime } from '../SimClock';
import { validationError } from './AwsServiceError';

/** Images whose URI contains this fail to deploy (the documented failure trigger). @public */
export const FAILING_IMAGE_MARKER = 'does-not-exist';

/** @internal */
export interface SmModel {
  name: string;
  arn: string;
  images: string[];
  createdAt: number;
}

/** @internal */
export interface SmEndpointConfig {
  name: string;
  arn: string;
  variants: ProductionVariant[];
  createdAt: number;
}

/** @internal */
export interface SmVariant {
  variantName: string;
  modelName: string;
  instanceType?: string;
  currentInstanceCount: number;
  desiredInstanceCount: number;
  currentWeight: number;
  desiredWeight: number;
  /** When the current count reaches the desired count (provisioning delay). */
  capacityReadyAt?: number;
}

/** @internal */
export interface SmEndpoint {
  name: string;
  arn: string;
  configName: string;
  status: 'Creating' | 'Updating' | 'InService' | 'Deleting' | 'Failed';
  failureReason?: string;
  createdAt: number;
  lastModifiedAt: number;
  variants: SmVariant[];
  /** When a Creating/Updating/Deleting status ends. */
  transitionAt?: number;
  /** Config being rolled out by an update. */
  pendingConfigName?: string;
}

/** @internal */
export interface SageMakerTimings {
  endpointCreateMs: number;
  endpointUpdateMs: number;
  endpointDeleteMs: number;
  scaleOutMs: number;
  scaleInMs: number;
}

/**
 * Simulated SageMaker hosting.
 * @internal
 */
export class SageMakerService {
  readonly models = new Map<string, SmModel>();
  readonly endpointConfigs = new Map<string, SmEndpointConfig>();
  readonly endpoints = new Map<string, SmEndpoint>();

  constructor(
    private readonly account: { region: string; accountId: string },
    private readonly timings: SageMakerTimings,
  ) {}

  #arn(type: string, name: string) {
    return `arn:aws:sagemaker:${this.account.region}:${
      this.account.accountId
    }:${type}/${name.toLowerCase()}`;
  }

  modelArn(name: string) {
    return this.#arn('model', name);
  }

  endpointConfigArn(name: string) {
    return this.#arn('endpoint-config', name);
  }

  endpointArn(name: string) {
    return this.#arn('endpoint', name);
  }

  createModel(name: string, images: string[], now: number): SmModel {
    if (this.models.has(name)) {
      throw validationError(
        `Cannot create already existing model "${this.modelArn(name)}".`,
      );
    }
    const model = { name, arn: this.modelArn(name), images, createdAt: now };
    this.models.set(name, model);
    return model;
  }

  deleteModel(name: string) {
    this.models.delete(name);
  }

  createEndpointConfig(
    name: string,
    variants: ProductionVariant[],
    now: number,
  ): SmEndpointConfig {
    if (this.endpointConfigs.has(name)) {
      throw validationError(
        `Cannot create already existing endpoint configuration "${this.endpointConfigArn(
          name,
        )}".`,
      );
    }
    for (const v of variants) {
      if (!this.models.has(v.modelName)) {
        throw validationError(
          `Could not find model "${this.modelArn(v.modelName)}".`,
        );
      }
    }
    const config = {
      name,
      arn: this.endpointConfigArn(name),
      variants,
      createdAt: now,
    };
    this.endpointConfigs.set(name, config);
    return config;
  }

  deleteEndpointConfig(name: string) {
    this.endpointConfigs.delete(name);
  }

  #config(name: string) {
    const config = this.endpointConfigs.get(name);
    if (!config) {
      throw validationError(
        `Could not find endpoint configuration "${this.endpointConfigArn(
          name,
        )}".`,
      );
    }
    return config;
  }

  createEndpoint(name: string, configName: string, now: number): SmEndpoint {
    if (this.endpoints.has(name)) {
      throw validationError(
        `Cannot create already existing endpoint "${this.endpointArn(name)}".`,
      );
    }
    const config = this.#config(configName);
    const endpoint: SmEndpoint = {
      name,
      arn: this.endpointArn(name),
      configName,
      status: 'Creating',
      createdAt: now,
      lastModifiedAt: now,
      variants: config.variants.map(v => this.#newVariant(v, 0)),
      transitionAt: now + this.timings.endpointCreateMs,
    };
    this.endpoints.set(name, endpoint);
    return endpoint;
  }

  #newVariant(v: ProductionVariant, current: number): SmVariant {
    const count = v.initialInstanceCount ?? 1;
    return {
      variantName: v.variantName,
      modelName: v.modelName,
      instanceType: v.instanceType,
      currentInstanceCount: current,
      desiredInstanceCount: count,
      currentWeight: v.initialVariantWeight ?? 1,
      desiredWeight: v.initialVariantWeight ?? 1,
    };
  }

  /**
   * UpdateEndpoint with RetainAllVariantProperties=true (what ACK sends). Fails like
   * SageMaker when a variant that has a registered scalable target would change its
   * instance type or disappear.
   */
  updateEndpoint(
    name: string,
    configName: string,
    now: number,
    isAutoscaled: (variantName: string) => boolean,
  ): SmEndpoint {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) {
      throw validationError(
        `Could not find endpoint "${this.endpointArn(name)}".`,
      );
    }
    if (endpoint.status !== 'InService') {
      throw validationError(
        `Cannot update in-progress endpoint "${endpoint.arn}".`,
      );
    }
    const config = this.#config(configName);
    for (const variant of endpoint.variants) {
      if (!isAutoscaled(variant.variantName)) continue;
      const next = config.variants.find(
        v => v.variantName === variant.variantName,
      );
      if (!next) {
        throw validationError(
          `The variant(s) "[${variant.variantName}]" have an auto scaling policy attached and cannot be removed by an endpoint update. Deregister the scalable target first.`,
        );
      }
      if (
        next.instanceType &&
        variant.instanceType &&
        next.instanceType !== variant.instanceType
      ) {
        throw validationError(
          `The variant(s) "[${variant.variantName}]" have an auto scaling policy attached; updating the instance type from ${variant.instanceType} to ${next.instanceType} is not supported. Deregister the scalable target, update the endpoint, then register it again.`,
        );
      }
    }
    endpoint.status = 'Updating';
    endpoint.pendingConfigName = configName;
    endpoint.transitionAt = now + this.timings.endpointUpdateMs;
    endpoint.lastModifiedAt = now;
    delete endpoint.failureReason;
    return endpoint;
  }

  deleteEndpoint(name: string, now: number) {
    const endpoint = this.endpoints.get(name);
    if (!endpoint || endpoint.status === 'Deleting') return;
    endpoint.status = 'Deleting';
    endpoint.transitionAt = now + this.timings.endpointDeleteMs;
    delete endpoint.pendingConfigName;
  }

  /**
   * UpdateEndpointWeightsAndCapacities for one variant, as Application Auto Scaling
   * calls it. The endpoint is Updating until the instances are in service.
   */
  setDesiredInstanceCount(
    endpointName: string,
    variantName: string,
    count: number,
    now: number,
  ) {
    const endpoint = this.endpoints.get(endpointName);
    const variant = endpoint?.variants.find(v => v.variantName === variantName);
    if (!endpoint || !variant) {
      throw validationError(
        `Could not find variant "${variantName}" of endpoint "${this.endpointArn(
          endpointName,
        )}".`,
      );
    }
    if (endpoint.status !== 'InService' && endpoint.status !== 'Updating') {
      throw validationError(
        `Endpoint "${endpoint.arn}" is in ${endpoint.status} status and cannot be scaled.`,
      );
    }
    const scaleOut = count > variant.currentInstanceCount;
    variant.desiredInstanceCount = count;
    variant.capacityReadyAt =
      now + (scaleOut ? this.timings.scaleOutMs : this.timings.scaleInMs);
    endpoint.lastModifiedAt = now;
    if (endpoint.status === 'InService') endpoint.status = 'Updating';
  }

  /** Moves every endpoint forward to `now`; returns names of endpoints that changed. */
  tick(now: number): string[] {
    const changed: string[] = [];
    for (const endpoint of [...this.endpoints.values()]) {
      if (this.#tickEndpoint(endpoint, now)) changed.push(endpoint.name);
    }
    return changed;
  }

  #tickEndpoint(endpoint: SmEndpoint, now: number): boolean {
    let changed = false;
    for (const v of endpoint.variants) {
      if (v.capacityReadyAt !== undefined && v.capacityReadyAt <= now) {
        v.currentInstanceCount = v.desiredInstanceCount;
        delete v.capacityReadyAt;
        changed = true;
      }
    }
    if (endpoint.transitionAt !== undefined && endpoint.transitionAt <= now) {
      delete endpoint.transitionAt;
      changed = true;
      if (endpoint.status === 'Deleting') {
        this.endpoints.delete(endpoint.name);
        return true;
      }
      if (endpoint.status === 'Creating') {
        const bad = this.#failingImage(endpoint.configName);
        if (bad) {
          endpoint.status = 'Failed';
          endpoint.failureReason = bad;
          endpoint.variants.forEach(v => {
            v.currentInstanceCount = 0;
          });
        } else {
          endpoint.status = 'InService';
          endpoint.variants.forEach(v => {
            v.currentInstanceCount = v.desiredInstanceCount;
          });
        }
        endpoint.lastModifiedAt = now;
      } else if (endpoint.status === 'Updating' && endpoint.pendingConfigName) {
        const configName = endpoint.pendingConfigName;
        delete endpoint.pendingConfigName;
        const bad = this.#failingImage(configName);
        endpoint.status = 'InService';
        endpoint.lastModifiedAt = now;
        if (bad) {
          // A failed update rolls back: the endpoint keeps serving the old config.
          endpoint.failureReason = bad;
        } else {
          const config = this.endpointConfigs.get(configName);
          endpoint.configName = configName;
          if (config) {
            // RetainAllVariantProperties: variants that stay keep their scaled counts.
            endpoint.variants = config.variants.map(v => {
              const old = endpoint.variants.find(
                o => o.variantName === v.variantName,
              );
              return old
                ? {
                    ...old,
                    modelName: v.modelName,
                    instanceType: v.instanceType,
                  }
                : {
                    ...this.#newVariant(v, 0),
                    currentInstanceCount: v.initialInstanceCount ?? 1,
                  };
            });
          }
        }
      }
    }
    if (
      endpoint.status === 'Updating' &&
      endpoint.transitionAt === undefined &&
      !endpoint.pendingConfigName &&
      endpoint.variants.every(v => v.capacityReadyAt === undefined)
    ) {
      endpoint.status = 'InService';
      endpoint.lastModifiedAt = now;
      changed = true;
    }
    return changed;
  }

  #failingImage(configName: string): string | undefined {
    const config = this.endpointConfigs.get(configName);
    for (const v of config?.variants ?? []) {
      for (const image of this.models.get(v.modelName)?.images ?? []) {
        if (image.includes(FAILING_IMAGE_MARKER)) {
          return `Failed to pull the container image "${image}" for production variant ${v.variantName}: the repository does not exist or the execution role has no access to it.`;
        }
      }
    }
    return undefined;
  }

  /** The status block ACK writes for an endpoint. */
  endpointStatus(endpoint: SmEndpoint) {
    return {
      endpointStatus: endpoint.status,
      ...(endpoint.failureReason
        ? { failureReason: endpoint.failureReason }
        : {}),
      creationTime: toKubeTime(endpoint.createdAt),
      lastModifiedTime: toKubeTime(endpoint.lastModifiedAt),
      productionVariants: endpoint.variants.map(v => ({
        variantName: v.variantName,
        currentInstanceCount: v.currentInstanceCount,
        desiredInstanceCount: v.desiredInstanceCount,
        currentWeight: v.currentWeight,
        desiredWeight: v.desiredWeight,
      })),
    };
  }
}
