/**
 * Test helpers: a started sandbox cluster, the config that points our actions at it, and
 * the manifests of a scaled endpoint.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  buildScaledEndpointManifests,
  type ScaledEndpointManifests,
  type ScaledEndpointSpec,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
  type SandboxClusterOptions,
} from '@mlplatform/sandbox-cluster';
import { tutorialInputs } from '@mlplatform/sagemaker-scaling-test-fixtures';
import { createAckClusterClientFactory } from '@mlplatform/plugin-sagemaker-scaling-node';

/** Name of the sandbox in the test config. */
export const SANDBOX_CLUSTER_NAME = 'sandbox';

/**
 * A sandbox where an endpoint is created in about a second of real time (durations
 * divided by 60; timestamps stay wall-clock).
 */
export function startFastSandbox(options: SandboxClusterOptions = {}) {
  return startSandboxCluster({
    speedUp: 60,
    endpointCreateSeconds: 60,
    endpointUpdateSeconds: 60,
    deletionSeconds: 5,
    tickIntervalMs: 20,
    // plain HTTP: no certificate to generate, so the sandbox starts at once
    tls: false,
    ...options,
  });
}

/** Root config with the sandbox as the only cluster (service-account token auth, its CA). */
export function sandboxConfig(sandbox: SandboxCluster) {
  return new ConfigReader({
    sagemakerScaling: {
      clusters: [
        {
          name: SANDBOX_CLUSTER_NAME,
          url: sandbox.kubeApiUrl,
          caData: sandbox.caData,
          // the sandbox serves plain HTTP when started with tls: false
          skipTLSVerify: !sandbox.caData,
          auth: { type: 'serviceAccount', token: sandbox.token },
        },
      ],
    },
  });
}

/** A client of the sandbox, for checking what the actions did. */
export function sandboxClient(sandbox: SandboxCluster) {
  return createAckClusterClientFactory({ config: sandboxConfig(sandbox) })(
    SANDBOX_CLUSTER_NAME,
  );
}

/** The manifests of a scaled endpoint named after the service, with the tutorial's settings. */
export function manifestsFor(
  serviceName: string,
  overrides: Partial<ScaledEndpointSpec> = {},
): ScaledEndpointManifests {
  return buildScaledEndpointManifests({
    serviceName,
    namespace: 'ml-serving',
    ...tutorialInputs,
    ...overrides,
  });
}

/** A logger whose lines the test can read. */
export function capturingLogger() {
  const logger = mockServices.logger.mock();
  const lines = () =>
    [logger.info, logger.warn, logger.error].flatMap(fn =>
      (fn as jest.Mock).mock.calls.map(c => String(c[0])),
    );
  return { logger, lines };
}
