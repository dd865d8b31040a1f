/**
 * The options of a sandbox: what `startSandboxCluster` and `SandboxCluster.seedEndpoints`
 * accept.
 */
import type { SimClockMode } from './SimClock';

/** Options of {@link startSandboxCluster}. @public */
export interface SandboxClusterOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Kubernetes API port (default 0: any free port). */
  kubePort?: number;
  /** Application Auto Scaling and CloudWatch API port (default 0). */
  aasPort?: number;
  /** Admin API port; no admin server when undefined. */
  adminPort?: number;
  /**
   * Serve the Kubernetes API over HTTPS with a self-signed certificate (default true;
   * kubectl sends bearer tokens only over TLS).
   */
  tls?: boolean;
  /** Bearer token of the admin user (random when absent). */
  token?: string;
  /** Bearer token of a read-only user (random when absent); writes get 403. */
  viewerToken?: string;
  /**
   * `wall` (default): every timestamp is the real time. `manual` (tests): time starts at
   * the real time and moves only through {@link SandboxCluster.advance}.
   */
  clock?: SimClockMode;
  /**
   * manual clock only: the time it starts at (ms; default the real now), e.g. an hour
   * back for a test that advances it an hour to build history that ends at the present.
   */
  clockStartMs?: number;
  /**
   * Divides every simulated duration, for a quick demo (default 1; one of 1, 2, 3, 4, 5,
   * 6, 10, 12, 15, 20, 30, 60): the metric period (one minute in AWS, so the alarms'
   * evaluation periods), the policies' cooldowns, the traffic patterns' minutes, and the
   * durations below. Timestamps stay the clock's: nothing is shifted or sped up.
   */
  speedUp?: number;
  /** Seconds an endpoint stays Creating (default 120; divided by speedUp). */
  endpointCreateSeconds?: number;
  /** Seconds an endpoint stays Updating for a config change (default 60; divided by speedUp). */
  endpointUpdateSeconds?: number;
  /** Seconds until deleted resources are gone on the AWS side (default 5; divided by speedUp). */
  deletionSeconds?: number;
  /** Seconds until added instances serve (default 240; divided by speedUp). */
  scaleOutSeconds?: number;
  /** Seconds until removed instances stop serving (default 60; divided by speedUp). */
  scaleInSeconds?: number;
  /** Seed the demo service (churn-prediction in ml-serving, InService). */
  demo?: boolean;
  /** Write `kubeconfig` and `endpoints.json` here. */
  stateDir?: string;
  /**
   * Keep objects and all simulated AWS state in this JSON file across restarts (read on
   * start; written atomically about a second after each change, and on stop). Default:
   * memory only.
   */
  stateFile?: string;
  region?: string;
  accountId?: string;
  /**
   * Serve the five ACK kinds from the upstream CRD YAML files in this folder (for example
   * the ACK Helm charts' `crds/`) instead of the sandbox's own definitions (the default).
   */
  crdDir?: string;
  /** Real ms between BOOKMARK events on watches that allow them (default 10000). */
  bookmarkIntervalMs?: number;
  /** Watch events kept per resource for resumption (default 10000). */
  historyLimit?: number;
  /** Real ms between simulation steps (default 100). */
  tickIntervalMs?: number;
  /** Log lines (default: none). Never receives credentials. */
  log?: (line: string) => void;
}

/** Options of {@link SandboxCluster.seedEndpoints}. @public */
export interface SeedEndpointsOptions {
  /** Default `bench`. */
  namespace?: string;
  /** Name prefix; names are `<prefix>-<i>` (default `bench`). */
  prefix?: string;
  /** Skip Creating: the endpoints are InService at once (default true). */
  inService?: boolean;
}
