/**
 * Starts the sandbox: a Kubernetes API subset with the ACK kinds, simulated ACK
 * controllers, SageMaker, Application Auto Scaling (with its AWS JSON API), CloudWatch
 * (`GetMetricData` for the simulated variant metrics, `DescribeAlarms` for the
 * target-tracking alarms), the Price List API's SageMaker hosting prices, synthetic
 * traffic and target tracking, an admin API and failure injection.
 */
import { randomBytes } from 'node:crypto';
import { AckControllers } from './ack/AckControllers';
import { AdminServer } from './admin/AdminServer';
import { applicationAutoScalingApi } from './aws/applicationAutoScalingApi';
import { ApplicationAutoScalingService } from './aws/ApplicationAutoScalingService';
import { AwsJsonServer } from './aws/AwsJsonServer';
import { CloudWatchAlarms } from './aws/CloudWatchAlarms';
import { cloudWatchApi } from './aws/cloudWatchApi';
import { CloudWatchService } from './aws/CloudWatchService';
import { pricingApi } from './aws/pricingApi';
import { SageMakerService } from './aws/SageMakerService';
import { seedDemo, seedScaledEndpoints, SeedingContext } from './demoSeeding';
import { FaultInjector } from './Faults';
import { HttpListener } from './HttpListener';
import { coreResources, loadCrdResources, ownAckResources } from './kube/crds';
import { KubeApiServer } from './kube/KubeApiServer';
import type { SandboxUser } from './kube/sandboxUser';
import { ObjectStore } from './kube/ObjectStore';
import { ResourceApi } from './kube/ResourceApi';
import { writeStateFiles } from './kubeconfig';
import {
  ScalingSimulator,
  VariantMetricPoint,
} from './simulation/ScalingSimulator';
import { TrafficSettings } from './simulation/traffic';
import { TrafficRegistry } from './simulation/TrafficRegistry';
import { SimClock } from './SimClock';
import { SimulationScheduler } from './SimulationScheduler';
import type {
  SandboxClusterOptions,
  SeedEndpointsOptions,
} from './sandboxClusterOptions';
import { readStateFile, restoreState, StatefulParts } from './StateFile';
import { StatePersistence } from './StatePersistence';
import { createSandboxCertificate } from './tls';

/**
 * A running sandbox.
 * @public
 */
export class SandboxCluster {
  readonly token: string;
  readonly viewerToken: string;
  readonly region: string;
  readonly accountId: string;
  readonly clock: SimClock;
  /** What simulated durations are divided by (see {@link SandboxClusterOptions.speedUp}). */
  readonly speedUp: number;
  readonly faults: FaultInjector;
  /** PEM certificate of the HTTPS Kubernetes API (its own CA); undefined without TLS. */
  readonly caCertificate?: string;
  readonly store: ObjectStore;
  readonly api: ResourceApi;
  /** Written kubeconfig, when `stateDir` was given. */
  kubeconfigPath?: string;

  readonly #kube: HttpListener;
  readonly #aasListener: HttpListener;
  readonly #admin?: HttpListener;
  readonly #sagemaker: SageMakerService;
  readonly #aas: ApplicationAutoScalingService;
  readonly #controllers: AckControllers;
  readonly #scaling: ScalingSimulator;
  readonly #traffic: TrafficRegistry;
  readonly #log: (line: string) => void;
  readonly #scheduler: SimulationScheduler;
  readonly #persistence: StatePersistence;
  #stopped = false;

  /** @internal */
  constructor(options: SandboxClusterOptions) {
    const host = options.host ?? '127.0.0.1';
    this.token = options.token ?? randomBytes(24).toString('hex');
    this.viewerToken = options.viewerToken ?? randomBytes(24).toString('hex');
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '111122223333';
    this.#log = options.log ?? (() => {});
    const saved = options.stateFile
      ? readStateFile(options.stateFile)
      : undefined;
    const clockMode = options.clock ?? 'wall';
    this.clock = new SimClock({
      mode: clockMode,
      // A manual clock goes on from the saved time; the wall clock is the wall clock.
      startMs:
        clockMode === 'manual' && saved
          ? Math.max(Date.now(), saved.savedAtMs)
          : options.clockStartMs,
    });
    const speedUp = options.speedUp ?? 1;
    this.speedUp = speedUp;
    this.store = new ObjectStore({ historyLimit: options.historyLimit });
    const crds = options.crdDir
      ? loadCrdResources(options.crdDir)
      : ownAckResources();
    this.api = new ResourceApi({
      store: this.store,
      clock: this.clock,
      resources: [...coreResources(), ...crds],
    });
    const account = { region: this.region, accountId: this.accountId };
    const s = (v: number | undefined, d: number) => ((v ?? d) * 1000) / speedUp;
    this.#sagemaker = new SageMakerService(account, {
      endpointCreateMs: s(options.endpointCreateSeconds, 120),
      endpointUpdateMs: s(options.endpointUpdateSeconds, 60),
      endpointDeleteMs: s(options.deletionSeconds, 5),
      scaleOutMs: s(options.scaleOutSeconds, 240),
      scaleInMs: s(options.scaleInSeconds, 60),
    });
    const alarms = new CloudWatchAlarms();
    this.#aas = new ApplicationAutoScalingService(
      account,
      () => this.clock.now(),
      alarms,
    );
    this.#controllers = new AckControllers({
      api: this.api,
      clock: this.clock,
      sagemaker: this.#sagemaker,
      aas: this.#aas,
      account,
      deletionDelayMs: s(options.deletionSeconds, 5),
    });
    this.#traffic = new TrafficRegistry(
      this.store,
      this.api.resourceForKind('Endpoint'),
      () => this.clock.now(),
    );
    this.#scaling = new ScalingSimulator({
      sagemaker: this.#sagemaker,
      aas: this.#aas,
      alarms,
      trafficFor: name => this.#traffic.forAwsEndpoint(name),
      now: () => this.clock.now(),
      speedUp,
    });
    const parts: StatefulParts = {
      store: this.store,
      controllers: this.#controllers,
      sagemaker: this.#sagemaker,
      aas: this.#aas,
      alarms,
      scaling: this.#scaling,
      traffic: this.#traffic,
    };
    let demoSeeded = false;
    if (saved) {
      demoSeeded = restoreState(saved, parts).demoSeeded;
      this.#log(
        `restored ${this.store.count()} objects from ${options.stateFile}`,
      );
    }
    this.#persistence = new StatePersistence({
      file: options.stateFile,
      parts,
      now: () => this.clock.now(),
      demoSeeded,
      log: this.#log,
    });
    this.#scheduler = new SimulationScheduler({
      clock: this.clock,
      sagemaker: this.#sagemaker,
      scaling: this.#scaling,
      controllers: this.#controllers,
      onStateChanged: () => this.#persistence.requestSave(),
      log: this.#log,
    });
    // After restoring: restore needs an empty store, and these exist in every state.
    for (const ns of ['default', 'kube-system', 'kube-public'])
      this.api.createNamespace(ns);

    const users = new Map<string, SandboxUser>([
      [this.token, { name: 'sandbox-admin', readOnly: false }],
      [this.viewerToken, { name: 'sandbox-viewer', readOnly: true }],
    ]);
    this.faults = new FaultInjector({
      dropWatches: () => this.store.dropWatches(),
      goDown: async () => {
        this.store.dropWatches();
        await Promise.all([this.#kube.close(), this.#aasListener.close()]);
        this.#log('sandbox is DOWN (fault injection): connections are refused');
      },
      comeUp: async () => {
        await Promise.all([this.#kube.listen(), this.#aasListener.listen()]);
        this.#log('sandbox is UP again');
      },
    });
    const kubeServer = new KubeApiServer({
      api: this.api,
      faults: this.faults,
      users,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
      serverAddress: () => `${host}:${this.#kube.port}`,
      log: this.#log,
      now: () => this.clock.now(),
    });
    const tls =
      options.tls ?? true ? createSandboxCertificate(host) : undefined;
    this.caCertificate = tls?.cert;
    this.#kube = new HttpListener(kubeServer.handle, {
      host,
      port: options.kubePort ?? 0,
      tls,
    });
    // One listener for every AWS API, told apart by the operation's X-Amz-Target.
    const awsServer = new AwsJsonServer(
      [
        applicationAutoScalingApi(this.#aas, this.#log, () =>
          this.#scheduler.requestFullPass(),
        ),
        cloudWatchApi(
          new CloudWatchService((endpointName, variantName) =>
            this.#scaling.metrics(endpointName, variantName),
          ),
          alarms,
        ),
        pricingApi(),
      ],
      this.faults,
      this.#log,
    );
    this.#aasListener = new HttpListener(awsServer.handle, {
      host,
      port: options.aasPort ?? 0,
    });
    if (options.adminPort !== undefined) {
      const admin = new AdminServer({
        faults: this.faults,
        clock: this.clock,
        speedUp,
        store: this.store,
        api: this.api,
        sagemaker: this.#sagemaker,
        aas: this.#aas,
        traffic: this.traffic,
        advance: simMs => this.advance(simMs),
        metrics: awsEndpointName => this.metrics(awsEndpointName),
      });
      // The admin API has no authentication: it only ever listens on loopback.
      this.#admin = new HttpListener(admin.handle, {
        host: '127.0.0.1',
        port: options.adminPort,
      });
    }

    this.store.subscribe((_resource, event) => {
      this.#persistence.requestSave();
      this.#scheduler.objectChanged(event);
    });
  }

  /** @internal */
  async start(options: SandboxClusterOptions): Promise<void> {
    await this.#kube.listen();
    await this.#aasListener.listen();
    await this.#admin?.listen();
    if (options.demo) seedDemo(this.#seeding());
    if (options.stateDir) {
      this.kubeconfigPath = writeStateFiles(options.stateDir, {
        kubeApiUrl: this.kubeApiUrl,
        aasUrl: this.aasUrl,
        adminUrl: this.adminUrl,
        token: this.token,
        caCertificate: this.caCertificate,
        region: this.region,
        accountId: this.accountId,
      });
    }
    this.#scheduler.start(options.tickIntervalMs ?? 100);
  }

  /** caCertificate, base64-encoded as kubeconfig's `certificate-authority-data`. */
  get caData(): string | undefined {
    return this.caCertificate
      ? Buffer.from(this.caCertificate).toString('base64')
      : undefined;
  }

  get kubeApiUrl(): string {
    return this.#kube.url;
  }

  /** Application Auto Scaling endpoint URL (for the AWS SDK's `endpoint`). */
  get aasUrl(): string {
    return this.#aasListener.url;
  }

  /**
   * CloudWatch endpoint URL (for the AWS SDK's `endpoint`): the same listener as
   * Application Auto Scaling, answering `GetMetricData` for the simulated variant metrics
   * and `DescribeAlarms` for the target-tracking alarms.
   */
  get cloudWatchUrl(): string {
    return this.#aasListener.url;
  }

  /**
   * Price List API endpoint URL (for `@aws-sdk/client-pricing`'s `endpoint`): the same
   * listener, answering `GetProducts` for SageMaker hosting (us-east-1 list prices).
   */
  get pricingUrl(): string {
    return this.#aasListener.url;
  }

  get adminUrl(): string | undefined {
    return this.#admin?.url;
  }

  /** Synthetic traffic per Endpoint resource. */
  get traffic() {
    return {
      set: (
        namespace: string,
        endpointName: string,
        settings: TrafficSettings,
      ) => {
        this.#traffic.set(namespace, endpointName, settings);
        this.#persistence.requestSave();
      },
      clear: (namespace: string, endpointName: string) => {
        this.#traffic.clear(namespace, endpointName);
        this.#persistence.requestSave();
      },
      get: (namespace: string, endpointName: string) =>
        this.#traffic.forResource(namespace, endpointName),
    };
  }

  /**
   * Moves simulated time forward by `simMs`, running controllers and target tracking
   * along the way (in steps of at most 10 simulated seconds), so tests need no real waits.
   */
  advance(simMs: number): void {
    this.#scheduler.advance(simMs);
  }

  /** Runs pending reconciles now (what the timer does every tick). */
  settle(): void {
    this.#scheduler.runFullPass();
  }

  /** Per-minute metrics of an endpoint variant (AWS endpoint name), oldest first. */
  metrics(
    endpointName: string,
    variantName = 'AllTraffic',
  ): VariantMetricPoint[] {
    return this.#scaling.metrics(endpointName, variantName);
  }

  /** Forgets the watch history: resuming from an older resourceVersion gets 410 Gone. */
  compact(): void {
    this.store.compact();
  }

  /**
   * Creates `count` scaled endpoints (5 objects each) directly, for benchmarks.
   */
  seedEndpoints(count: number, options: SeedEndpointsOptions = {}): void {
    seedScaledEndpoints(this.#seeding(), count, {
      namespace: options.namespace ?? 'bench',
      prefix: options.prefix ?? 'bench',
      inService: options.inService ?? true,
    });
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#scheduler.stop();
    // Flush: whatever changed since the last write is written now.
    this.#persistence.stop();
    this.store.dropWatches();
    await Promise.all([
      this.#kube.close(),
      this.#aasListener.close(),
      this.#admin?.close(),
    ]);
  }

  #seeding(): SeedingContext {
    return {
      api: this.api,
      region: this.region,
      accountId: this.accountId,
      scheduler: this.#scheduler,
      persistence: this.#persistence,
      log: this.#log,
    };
  }
}

/**
 * Starts a sandbox cluster and resolves when its servers listen.
 * @public
 */
export async function startSandboxCluster(
  options: SandboxClusterOptions = {},
): Promise<SandboxCluster> {
  const sandbox = new SandboxCluster(options);
  await sandbox.start(options);
  return sandbox;
}
