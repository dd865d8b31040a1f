/**
 * The HTTP face of the sandbox's Kubernetes API: authentication, discovery, routing of
 * resource paths, content types, watches and Status errors.
 */
import type http from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { FaultInjector } from '../Faults';
import type { ResourceDefinition } from './crds';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from './discovery';
import { KubeStatusError, statusObject } from './KubeStatusError';
import type { KubeObject, StoreEvent } from './ObjectStore';
import type { ResourceApi } from './ResourceApi';
import type { FieldValidation, PatchType } from './resourceApiTypes';
import { groupVersionDocument, openApiV3Root } from './openapi';
import { listJson, watchEventJson } from './serialize';
import { toTable, wantsTable } from './tables';

/** Who a bearer token belongs to. @public */
export interface SandboxUser {
  name: string;
  /** Read-only users get 403 Forbidden on writes. */
  readOnly: boolean;
}

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

const MAX_BODY_BYTES = 3 * 1024 * 1024;
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

interface RoutedRequest {
  def: ResourceDefinition;
  namespace?: string;
  name?: string;
  subresource?: 'status';
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new KubeStatusError(
            413,
            'Request entity too large: limit is 3145728',
            { reason: 'RequestEntityTooLarge' },
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string, contentType: string): unknown {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!text.trim()) {
    throw new KubeStatusError(400, 'the request body is empty');
  }
  try {
    if (type.includes('yaml')) {
      return parseYaml(text);
    }
    return JSON.parse(text);
  } catch (e) {
    throw new KubeStatusError(
      400,
      `the request body could not be decoded as ${
        type.includes('yaml') ? 'YAML' : 'JSON'
      }: ${(e as Error).message.split('\n')[0]}`,
      { reason: 'BadRequest' },
    );
  }
}

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
    const send = (
      code: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => this.#send(res, code, body, headers);

    if (method === 'GET') {
      switch (path) {
        case '/version':
          return send(200, versionInfo());
        case '/healthz':
        case '/livez':
        case '/readyz':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end('ok');
        case '/api':
          return send(200, coreApiVersions(this.#options.serverAddress()));
        case '/apis':
          return send(200, apiGroupList(this.#options.api.resources));
        default:
      }
      if (path === '/openapi/v3') {
        return send(200, openApiV3Root(this.#options.api.resources));
      }
      const openapi =
        /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
      if (openapi) {
        const doc = openapi[1]
          ? undefined
          : groupVersionDocument(
              this.#options.api.resources,
              openapi[2],
              openapi[3],
            );
        if (!doc)
          throw new KubeStatusError(404, '404 page not found', {
            reason: 'NotFound',
          });
        return send(200, doc);
      }
      if (path.startsWith('/openapi/')) {
        // No OpenAPI v2: kubectl uses v3 when it exists.
        throw new KubeStatusError(404, 'the sandbox serves OpenAPI v3 only', {
          reason: 'NotFound',
        });
      }
      const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
      if (groupMatch) {
        const group = apiGroup(this.#options.api.resources, groupMatch[1]);
        if (!group)
          throw new KubeStatusError(404, '404 page not found', {
            reason: 'NotFound',
          });
        return send(200, group);
      }
      const listMatch = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
      if (listMatch) {
        const list = listMatch[1]
          ? apiResourceList(this.#options.api.resources, '', 'v1')
          : apiResourceList(
              this.#options.api.resources,
              listMatch[2],
              listMatch[3],
            );
        if (!list)
          throw new KubeStatusError(404, '404 page not found', {
            reason: 'NotFound',
          });
        return send(200, list);
      }
    }
    const routed = this.#route(path);
    if (!routed) {
      throw new KubeStatusError(
        404,
        'the server could not find the requested resource',
        { reason: 'NotFound' },
      );
    }
    return this.#handleResource(req, res, url, method, routed);
  }

  #authenticate(req: http.IncomingMessage): SandboxUser | undefined {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    return m ? this.#options.users.get(m[1].trim()) : undefined;
  }

  #route(path: string): RoutedRequest | undefined {
    const m = /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))\/(.*)$/.exec(path);
    if (!m) return undefined;
    const group = m[1] ?? '';
    const version = m[2] ?? 'v1';
    const rest = m[3].split('/').map(decodeURIComponent);
    const find = (plural: string) =>
      this.#options.api.resources.find(
        r => r.group === group && r.version === version && r.plural === plural,
      );
    let namespace: string | undefined;
    let segs = rest;
    if (segs[0] === 'namespaces' && segs.length >= 3) {
      namespace = segs[1];
      segs = segs.slice(2);
    }
    const def = find(segs[0]);
    if (!def) return undefined;
    if (namespace !== undefined && !def.namespaced) return undefined;
    const name = segs[1];
    const sub = segs[2];
    if (segs.length > 3) return undefined;
    if (sub !== undefined && !(sub === 'status' && def.hasStatusSubresource)) {
      return undefined;
    }
    return { def, namespace, name, subresource: sub ? 'status' : undefined };
  }

  async #handleResource(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    method: string,
    { def, namespace, name, subresource }: RoutedRequest,
  ) {
    const api = this.#options.api;
    const q = url.searchParams;
    const user = (req as any).sandboxUser as SandboxUser;
    const verb = this.#verb(method, name, q);
    if (!verb) {
      throw new KubeStatusError(
        405,
        `the server does not allow this method on the requested resource`,
        { reason: 'MethodNotAllowed' },
      );
    }
    if (user.readOnly && !['get', 'list', 'watch'].includes(verb)) {
      const what = def.group ? `${def.plural}.${def.group}` : def.plural;
      throw new KubeStatusError(
        403,
        `${what}${name ? ` "${name}"` : ''} is forbidden: User "${
          user.name
        }" cannot ${verb} resource "${def.plural}${
          subresource ? '/status' : ''
        }" in API group "${def.group}"${
          namespace ? ` in the namespace "${namespace}"` : ''
        }`,
        {
          reason: 'Forbidden',
          details: { name, group: def.group || undefined, kind: def.plural },
        },
      );
    }
    if (method === 'POST' && name) {
      throw new KubeStatusError(
        405,
        'the server does not allow this method on the requested resource',
        { reason: 'MethodNotAllowed' },
      );
    }
    const table = wantsTable(req.headers.accept);
    const dryRun = q.getAll('dryRun').includes('All');
    const fieldManager = q.get('fieldManager') ?? undefined;
    const fieldValidation = (q.get('fieldValidation') ?? undefined) as
      | FieldValidation
      | undefined;
    if (
      fieldValidation &&
      !['Ignore', 'Warn', 'Strict'].includes(fieldValidation)
    ) {
      throw new KubeStatusError(
        400,
        `fieldValidation must be one of Ignore, Warn or Strict, got "${fieldValidation}"`,
      );
    }
    const writeOptions = {
      dryRun,
      fieldManager: fieldManager ?? this.#defaultManager(req),
      fieldValidation,
      subresource,
    };

    switch (verb) {
      case 'get': {
        const object = api.get(def, namespace, name!);
        return this.#sendObjects(
          res,
          def,
          [object],
          table,
          q,
          String(object.metadata.resourceVersion),
          false,
        );
      }
      case 'list': {
        const limit = q.get('limit') ? Number(q.get('limit')) : undefined;
        const result = api.list(def, namespace, {
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector: q.get('fieldSelector') ?? undefined,
          limit,
          continueToken: q.get('continue') ?? undefined,
        });
        if (table) {
          return this.#send(
            res,
            200,
            toTable(def, result.items, {
              now: this.#options.now(),
              resourceVersion: result.resourceVersion,
              continueToken: result.continueToken,
              includeObject: q.get('includeObject') ?? undefined,
            }),
          );
        }
        const head = {
          apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
          kind: def.listKind,
          metadata: {
            resourceVersion: result.resourceVersion,
            ...(result.continueToken
              ? {
                  continue: result.continueToken,
                  remainingItemCount: result.remaining,
                }
              : {}),
          },
        };
        return this.#sendJson(res, 200, listJson(head, result.items));
      }
      case 'watch':
        return this.#watch(res, def, namespace, q, table);
      case 'create': {
        const body = parseBody(
          await readBody(req),
          req.headers['content-type'] ?? 'application/json',
        );
        const result = api.create(def, namespace, body, writeOptions);
        return this.#send(
          res,
          201,
          result.object,
          this.#warnings(result.warnings),
        );
      }
      case 'update': {
        const body = parseBody(
          await readBody(req),
          req.headers['content-type'] ?? 'application/json',
        );
        const result = api.update(def, namespace, name!, body, writeOptions);
        return this.#send(
          res,
          200,
          result.object,
          this.#warnings(result.warnings),
        );
      }
      case 'patch': {
        const contentType = (req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim();
        const type: PatchType | undefined = (
          {
            'application/merge-patch+json': 'merge',
            'application/json-patch+json': 'json',
            'application/apply-patch+yaml': 'apply',
            'application/apply-patch+json': 'apply',
          } as Record<string, PatchType>
        )[contentType];
        if (!type) {
          throw new KubeStatusError(
            415,
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
            { reason: 'UnsupportedMediaType' },
          );
        }
        const body = parseBody(
          await readBody(req),
          type === 'apply' ? 'application/yaml' : 'application/json',
        );
        if (type === 'apply' && !q.get('fieldManager')) {
          writeOptions.fieldManager = '';
        }
        const result = api.patch(def, namespace, name!, type, body, {
          ...writeOptions,
          force: q.get('force') === 'true',
        });
        return this.#send(
          res,
          result.created ? 201 : 200,
          result.object,
          this.#warnings(result.warnings),
        );
      }
      case 'delete': {
        const text = await readBody(req);
        let options: any = {};
        if (text.trim()) options = parseBody(text, 'application/json');
        const result = api.delete(def, namespace, name!, {
          dryRun:
            dryRun ||
            (Array.isArray(options?.dryRun) && options.dryRun.includes('All')),
          preconditions: options?.preconditions,
        });
        return this.#send(res, result.gone ? 200 : 202, result.object);
      }
      case 'deletecollection': {
        const items = api.list(def, namespace, {
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector: q.get('fieldSelector') ?? undefined,
        }).items;
        const deleted = items.map(
          o =>
            api.delete(def, o.metadata.namespace, o.metadata.name, { dryRun })
              .object,
        );
        return this.#send(res, 200, {
          apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
          kind: def.listKind,
          metadata: { resourceVersion: String(api.store.resourceVersion) },
          items: deleted,
        });
      }
      default:
        throw new KubeStatusError(405, `unsupported verb ${verb}`);
    }
  }

  #verb(
    method: string,
    name: string | undefined,
    q: URLSearchParams,
  ): string | undefined {
    if (method === 'GET') {
      if (name) return 'get';
      return q.get('watch') === 'true' || q.get('watch') === '1'
        ? 'watch'
        : 'list';
    }
    const verbs: Record<string, string> = {
      POST: 'create',
      PUT: 'update',
      PATCH: 'patch',
      DELETE: name ? 'delete' : 'deletecollection',
    };
    return verbs[method];
  }

  #watch(
    res: http.ServerResponse,
    def: ResourceDefinition,
    namespace: string | undefined,
    q: URLSearchParams,
    table: boolean,
  ) {
    const api = this.#options.api;
    const allowBookmarks = q.get('allowWatchBookmarks') === 'true';
    const timeoutSeconds = q.get('timeoutSeconds')
      ? Number(q.get('timeoutSeconds'))
      : undefined;
    let headersSent = false;
    let ended = false;
    let first = true;
    const timers: NodeJS.Timeout[] = [];
    let watch: { stop(): void } | undefined;
    const startStream = () => {
      if (headersSent) return;
      headersSent = true;
      res.writeHead(200, {
        'content-type': table
          ? 'application/json;as=Table;v=v1;g=meta.k8s.io'
          : 'application/json',
        'cache-control': 'no-cache, private',
      });
      // Clients wait for the headers before they consider the watch started.
      res.flushHeaders();
    };
    const write = (type: string, object: unknown, stored = false) => {
      if (ended) return;
      startStream();
      res.write(watchEventJson(type, object, stored));
    };
    const end = () => {
      if (ended) return;
      ended = true;
      timers.forEach(t => clearTimeout(t));
      watch?.stop();
      startStream();
      res.end();
    };
    const onEvent = (event: StoreEvent) => {
      const object = table
        ? toTable(def, [event.object], {
            now: this.#options.now(),
            resourceVersion: String(event.resourceVersion),
            includeObject: q.get('includeObject') ?? undefined,
            noHeaders: !first,
          })
        : event.object;
      first = false;
      write(event.type, object, !table);
    };
    try {
      watch = api.watch(
        def,
        namespace,
        {
          resourceVersion: q.get('resourceVersion') ?? undefined,
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector: q.get('fieldSelector') ?? undefined,
        },
        onEvent,
        end,
      );
    } catch (e) {
      if (e instanceof KubeStatusError && e.code === 410) {
        // As the API server does: 200 and an ERROR event carrying the 410 Status.
        write('ERROR', e.toStatus());
        end();
        return;
      }
      throw e;
    }
    startStream();
    if (allowBookmarks) {
      const bookmark = () => {
        write('BOOKMARK', {
          kind: def.kind,
          apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
          metadata: { resourceVersion: String(api.store.resourceVersion) },
        });
        timers.push(
          setTimeout(bookmark, this.#options.bookmarkIntervalMs).unref(),
        );
      };
      timers.push(
        setTimeout(bookmark, this.#options.bookmarkIntervalMs).unref(),
      );
    }
    if (timeoutSeconds && timeoutSeconds > 0) {
      timers.push(setTimeout(end, timeoutSeconds * 1000).unref());
    }
    // The response closes when the client goes away (a request's own 'close' only means
    // its body was read).
    res.on('close', end);
  }

  #sendObjects(
    res: http.ServerResponse,
    def: ResourceDefinition,
    objects: KubeObject[],
    table: boolean,
    q: URLSearchParams,
    resourceVersion: string,
    list: boolean,
  ) {
    if (table) {
      return this.#send(
        res,
        200,
        toTable(def, objects, {
          now: this.#options.now(),
          resourceVersion,
          includeObject: q.get('includeObject') ?? undefined,
        }),
      );
    }
    return this.#send(res, 200, list ? objects : objects[0]);
  }

  #warnings(warnings: string[]): Record<string, string> {
    if (warnings.length === 0) return {};
    return {
      warning: warnings
        .map(w => `299 - "${w.replace(/["\\]/g, c => `\\${c}`)}"`)
        .join(', '),
    };
  }

  #defaultManager(req: http.IncomingMessage): string {
    // Kubernetes names an unnamed manager after the user agent's program name.
    const agent = req.headers['user-agent'] ?? 'unknown';
    return agent.split('/')[0].slice(0, 128) || 'unknown';
  }

  #send(
    res: http.ServerResponse,
    code: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    this.#sendJson(res, code, JSON.stringify(body), headers);
  }

  #sendJson(
    res: http.ServerResponse,
    code: number,
    text: string,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(code, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  #sendError(res: http.ServerResponse, err: unknown) {
    const status =
      err instanceof KubeStatusError
        ? err.toStatus()
        : statusObject(
            500,
            `Internal error occurred: ${
              (err as Error)?.message ?? String(err)
            }`,
          );
    if (!(err instanceof KubeStatusError)) {
      this.#options.log(
        `internal error: ${(err as Error)?.stack ?? String(err)}`,
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    this.#send(res, status.code, status);
  }
}
