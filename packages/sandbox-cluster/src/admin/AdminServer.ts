/**
 * The loopback admin API: failure injection, traffic, simulated time and a state summary.
 *
 *   GET  /healthz
 *   GET  /state
 *   POST /faults/latency       {"ms": 500, "target"?: "kube"|"aas"|"all"}
 *   POST /faults/errors        {"rate": 0.5, "status"?: 503, "target"?: ...}
 *   POST /faults/drop-watches
 *   POST /faults/down          (Kubernetes and AAS ports refuse connections)
 *   POST /faults/up
 *   POST /faults/reset
 *   PUT  /traffic/<namespace>/<endpoint>   {"pattern": "spike", ...}
 *   GET  /traffic/<namespace>/<endpoint>   settings and the last hour of metrics
 *   POST /clock/advance        {"seconds": 600}
 *   POST /compact              (older resourceVersions get 410 Gone)
 */
import type http from 'node:http';
import type { ApplicationAutoScalingService } from '../aws/ApplicationAutoScalingService';
import type { SageMakerService } from '../aws/SageMakerService';
import type { FaultInjector, FaultTarget } from '../Faults';
import type { ObjectStore } from '../kube/ObjectStore';
import type { ResourceApi } from '../kube/ResourceApi';
import type { VariantMetricPoint } from '../simulation/ScalingSimulator';
import type { TrafficSettings } from '../simulation/traffic';
import type { SimClock } from '../SimClock';

/** The traffic controls the admin API sets and reads. @internal */
export interface AdminTrafficControl {
  set(namespace: string, endpointName: string, settings: TrafficSettings): void;
  clear(namespace: string, endpointName: string): void;
  get(
    namespace: string,
    endpointName: string,
  ): { settings: TrafficSettings; since: number };
}

/** The parts of the sandbox the admin API controls and reports on. @internal */
export interface AdminServerOptions {
  faults: FaultInjector;
  clock: Pick<SimClock, 'mode' | 'now'>;
  speedUp: number;
  store: Pick<
    ObjectStore,
    'resourceVersion' | 'count' | 'watcherCount' | 'compact'
  >;
  /** Finds the Endpoint resource whose AWS endpoint name the metrics are under. */
  api: Pick<ResourceApi, 'tryGet' | 'resourceForKind'>;
  sagemaker: Pick<SageMakerService, 'endpoints'>;
  aas: Pick<ApplicationAutoScalingService, 'targets'>;
  traffic: AdminTrafficControl;
  /** Moves the manual clock forward, running the simulation along the way. */
  advance(simMs: number): void;
  /** Per-minute metrics of an AWS endpoint's `AllTraffic` variant, oldest first. */
  metrics(awsEndpointName: string): VariantMetricPoint[];
}

class AdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readJson(req: http.IncomingMessage): Promise<any> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({});
      try {
        return resolve(JSON.parse(text));
      } catch {
        return reject(
          new AdminError(400, 'the request body is not valid JSON'),
        );
      }
    });
    req.on('error', reject);
  });
}

function target(value: unknown): FaultTarget {
  if (value === undefined) return 'all';
  if (value === 'kube' || value === 'aas' || value === 'all') return value;
  throw new AdminError(
    400,
    `target must be one of kube, aas, all; got ${JSON.stringify(value)}`,
  );
}

/** @internal */
export class AdminServer {
  constructor(private readonly sandbox: AdminServerOptions) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    this.#handle(req)
      .then(body => this.#send(res, 200, body))
      .catch(err => {
        const status = err instanceof AdminError ? err.status : 400;
        this.#send(res, status, { error: (err as Error).message });
      });
  };

  async #handle(req: http.IncomingMessage): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://admin');
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const sb = this.sandbox;
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /healthz':
        return { ok: true };
      case 'GET /state':
        return this.#state();
      case 'POST /faults/latency': {
        const body = await readJson(req);
        sb.faults.setLatency(Number(body.ms), target(body.target));
        return sb.faults.state();
      }
      case 'POST /faults/errors': {
        const body = await readJson(req);
        sb.faults.setErrorRate(
          Number(body.rate),
          body.status === undefined ? 500 : Number(body.status),
          target(body.target),
        );
        return sb.faults.state();
      }
      case 'POST /faults/drop-watches':
        return { dropped: sb.faults.dropWatches() };
      case 'POST /faults/down':
        await sb.faults.goDown();
        return sb.faults.state();
      case 'POST /faults/up':
        await sb.faults.comeUp();
        return sb.faults.state();
      case 'POST /faults/reset':
        sb.faults.reset();
        if (sb.faults.state().down) await sb.faults.comeUp();
        return sb.faults.state();
      case 'POST /clock/advance': {
        if (sb.clock.mode !== 'manual') {
          throw new AdminError(
            409,
            'the sandbox runs on the wall clock, which cannot be advanced (only a sandbox started with clock: manual can)',
          );
        }
        const body = await readJson(req);
        const seconds = Number(body.seconds);
        if (!(seconds > 0 && seconds <= 7 * 24 * 3600)) {
          throw new AdminError(
            400,
            'seconds must be a number between 0 and 604800',
          );
        }
        sb.advance(seconds * 1000);
        return { now: new Date(sb.clock.now()).toISOString() };
      }
      case 'POST /compact':
        sb.store.compact();
        return { resourceVersion: String(sb.store.resourceVersion) };
      default:
    }
    const traffic = /^\/traffic\/([^/]+)\/([^/]+)$/.exec(path);
    if (traffic) {
      const [, namespace, name] = traffic.map(decodeURIComponent);
      if (method === 'PUT' || method === 'POST') {
        sb.traffic.set(namespace, name, await readJson(req));
      } else if (method === 'DELETE') {
        sb.traffic.clear(namespace, name);
      } else if (method !== 'GET') {
        throw new AdminError(405, `${method} is not allowed on ${path}`);
      }
      const endpoint = sb.api.tryGet(
        sb.api.resourceForKind('Endpoint'),
        namespace,
        name,
      );
      const awsName =
        (endpoint?.spec as { endpointName?: string } | undefined)
          ?.endpointName ?? name;
      return {
        traffic: sb.traffic.get(namespace, name),
        metrics: sb.metrics(awsName).slice(-60),
      };
    }
    throw new AdminError(404, `no admin route ${route}`);
  }

  #state() {
    const sb = this.sandbox;
    const { sagemaker, aas } = sb;
    return {
      sandbox: true,
      now: new Date(sb.clock.now()).toISOString(),
      clock: sb.clock.mode,
      speedUp: sb.speedUp,
      resourceVersion: String(sb.store.resourceVersion),
      objects: sb.store.count(),
      watches: sb.store.watcherCount(),
      faults: sb.faults.state(),
      endpoints: [...sagemaker.endpoints.values()].map(e => ({
        name: e.name,
        status: e.status,
        endpointConfigName: e.configName,
        variants: e.variants.map(v => ({
          variantName: v.variantName,
          instanceType: v.instanceType,
          currentInstanceCount: v.currentInstanceCount,
          desiredInstanceCount: v.desiredInstanceCount,
        })),
      })),
      scalableTargets: aas.targets.size,
    };
  }

  #send(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body, null, 2);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}
