/**
 * The HTTP face of the sandbox's Kubernetes API: faults, authentication, then the request
 * router: discovery paths (`discoveryRequests`) or a resource path (`resourcePaths`) and
 * its verbs (`resourceRequests`, watches in `watchStream`); framing in `kubeHttp`.
 */
import type http from 'node:http';
import type { FaultInjector } from '../Faults';
import { handleDiscoveryRequest } from './discoveryRequests';
import { KubeStatusError } from './KubeStatusError';
import { sendKubeError } from './kubeHttp';
import type { ResourceApi } from './ResourceApi';
import { routeResourcePath } from './resourcePaths';
import { handleResourceRequest } from './resourceRequests';
import type { SandboxUser } from './sandboxUser';

/** @internal */
export interface KubeApiServerOptions {
  api: ResourceApi;
  faults: FaultInjector;
  /** Bearer token to user. */
  users: Map<string, SandboxUser>;
  /** Real milliseconds between BOOKMARK events of watches that allow them. */
  bookmarkIntervalMs: number;
  /** host:port for `/api`'s serverAddressByClientCIDRs. */
  serverAddress: () => string;
  log: (line: string) => void;
  /** Simulated time (ms), for AGE columns. */
  now: () => number;
}

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/**
 * Handles the Kubernetes API's HTTP requests.
 * @internal
 */
export class KubeApiServer {
  readonly #options: KubeApiServerOptions;

  constructor(options: KubeApiServerOptions) {
    this.#options = options;
  }

  /** The request listener. */
  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    this.#handle(req, res).catch(err => this.#sendError(res, err));
  };

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const fault = this.#options.faults.decide('kube');
    if (fault.delayMs > 0) {
      await new Promise(r => setTimeout(r, fault.delayMs));
    }
    if (!PUBLIC_PATHS.has(url.pathname)) {
      const user = this.#authenticate(req);
      if (!user) {
        throw new KubeStatusError(401, 'Unauthorized');
      }
      if (fault.failWith) {
        throw new KubeStatusError(
          fault.failWith,
          `sandbox fault injection: answering ${fault.failWith}`,
          fault.failWith === 429
            ? { details: { retryAfterSeconds: 1 } }
            : undefined,
        );
      }
      (req as any).sandboxUser = user;
    }
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (
      method === 'GET' &&
      handleDiscoveryRequest(
        res,
        path,
        this.#options.api.resources,
        this.#options.serverAddress,
      )
    ) {
      return undefined;
    }
    const routed = routeResourcePath(this.#options.api.resources, path);
    if (!routed) {
      throw new KubeStatusError(
        404,
        'the server could not find the requested resource',
        { reason: 'NotFound' },
      );
    }
    return handleResourceRequest(this.#options, req, res, url, method, routed);
  }

  #authenticate(req: http.IncomingMessage): SandboxUser | undefined {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    return m ? this.#options.users.get(m[1].trim()) : undefined;
  }

  #sendError(res: http.ServerResponse, err: unknown) {
    sendKubeError(res, err, this.#options.log);
  }
}
