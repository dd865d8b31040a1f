/**
 * The backend plugin's settings under `sagemakerScaling` (see config.d.ts), read once
 * with their defaults; the rest of the plugin takes them as plain values.
 */
import type { Config } from '@backstage/config';
import {
  readSageMakerClusterConfigs,
  type BackoffOptions,
  type SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  DEFAULT_BACKOFF,
  DEFAULT_STALE_AFTER_MS,
} from '../cache/ClusterResourceCache';
import {
  readHistorySettings,
  type HistorySettings,
} from '../history/readHistorySettings';
import {
  readPriceSettings,
  type PriceSettings,
} from '../pricing/readPriceSettings';
import {
  readNotificationSettings,
  type NotificationSettings,
} from '../notifications/readNotificationSettings';

/** How the watch caches talk to the clusters. @internal */
export interface KubeSettings {
  requestTimeoutMs: number;
  backoff: BackoffOptions;
  staleAfterMs: number;
}

/** Where the AWS clients go (credentials come from the standard `aws` config). @internal */
export interface AwsSettings {
  region: string;
  accountId?: string;
  applicationAutoScalingEndpoint?: string;
  cloudWatchEndpoint?: string;
  metricsWindowMs: number;
}

/** Every setting of the backend plugin. @internal */
export interface ScalingBackendConfig {
  clusters: SageMakerClusterConfig[];
  kube: KubeSettings;
  aws: AwsSettings;
  stream: { heartbeatMs: number; reauthorizeMs: number };
  history: HistorySettings;
  prices: PriceSettings;
  notifications: NotificationSettings;
}

const seconds = (config: Config, key: string, defaultMs: number) =>
  (config.getOptionalNumber(key) ?? defaultMs / 1000) * 1000;

/** `sagemakerScaling.requestTimeoutSeconds` and `sagemakerScaling.watch.*`. @internal */
export function readKubeSettings(config: Config): KubeSettings {
  return {
    requestTimeoutMs: seconds(
      config,
      'sagemakerScaling.requestTimeoutSeconds',
      10_000,
    ),
    backoff: {
      initialMs: seconds(
        config,
        'sagemakerScaling.watch.initialBackoffSeconds',
        DEFAULT_BACKOFF.initialMs,
      ),
      maxMs: seconds(
        config,
        'sagemakerScaling.watch.maxBackoffSeconds',
        DEFAULT_BACKOFF.maxMs,
      ),
    },
    staleAfterMs: seconds(
      config,
      'sagemakerScaling.watch.staleAfterSeconds',
      DEFAULT_STALE_AFTER_MS,
    ),
  };
}

/** `sagemakerScaling.aws.*`, the region defaulting to `aws.mainAccount.region`. @internal */
export function readAwsSettings(config: Config): AwsSettings {
  return {
    region:
      config.getOptionalString('sagemakerScaling.aws.region') ??
      config.getOptionalString('aws.mainAccount.region') ??
      'us-east-1',
    accountId: config.getOptionalString('sagemakerScaling.aws.accountId'),
    applicationAutoScalingEndpoint: config.getOptionalString(
      'sagemakerScaling.aws.applicationAutoScalingEndpoint',
    ),
    cloudWatchEndpoint: config.getOptionalString(
      'sagemakerScaling.aws.cloudWatchEndpoint',
    ),
    metricsWindowMs:
      (config.getOptionalNumber('sagemakerScaling.aws.metricsWindowHours') ??
        72) * 3600_000,
  };
}

/** Reads `sagemakerScaling.*`; `onSkippedCluster` hears about unusable cluster entries. @internal */
export function readScalingBackendConfig(
  config: Config,
  options: { onSkippedCluster: (message: string) => void },
): ScalingBackendConfig {
  return {
    clusters: readSageMakerClusterConfigs(config, options),
    kube: readKubeSettings(config),
    aws: readAwsSettings(config),
    history: readHistorySettings(config),
    prices: readPriceSettings(config),
    notifications: readNotificationSettings(config),
    stream: {
      heartbeatMs: seconds(
        config,
        'sagemakerScaling.stream.heartbeatSeconds',
        15_000,
      ),
      reauthorizeMs: seconds(
        config,
        'sagemakerScaling.stream.reauthorizeSeconds',
        60_000,
      ),
    },
  };
}
