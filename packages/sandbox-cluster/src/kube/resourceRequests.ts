/**
 * The verbs on a resource path: get, list (JSON or Table), watch, create, update, patch
 * (merge, JSON, apply), delete and deletecollection, with read-only users refused and
 * the query's dryRun, fieldManager and fieldValidation.
 */
import type http from 'node:http';
import type { ResourceDefinition } from './crds';
import { KubeStatusError } from './KubeStatusError';
import {
  parseBody,
  readBody,
  sendJson,
  sendJsonText,
  warningHeaders,
} from './kubeHttp';
import type { KubeObject } from './ObjectStore';
import type { FieldValidation, PatchType } from './resourceApiTypes';
import { RoutedRequest, verbOf } from './resourcePaths';
import type { SandboxUser } from './sandboxUser';
import { listJson } from './serialize';
import { toTable, wantsTable } from './tables';
import { streamWatch, WatchContext } from './watchStream';

/** Answers a request on a resource path for an authenticated `user`. @internal */
export async function handleResourceRequest(
  ctx: WatchContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  method: string,
  { def, namespace, name, subresource }: RoutedRequest,
) {
  const api = ctx.api;
  const q = url.searchParams;
  const user = (req as any).sandboxUser as SandboxUser;
  const verb = verbOf(method, name, q);
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
    fieldManager: fieldManager ?? defaultFieldManager(req),
    fieldValidation,
    subresource,
  };

  switch (verb) {
    case 'get': {
      const object = api.get(def, namespace, name!);
      return sendObjects(
        ctx,
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
        return sendJson(
          res,
          200,
          toTable(def, result.items, {
            now: ctx.now(),
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
      return sendJsonText(res, 200, listJson(head, result.items));
    }
    case 'watch':
      return streamWatch(ctx, res, def, namespace, q, table);
    case 'create': {
      const body = parseBody(
        await readBody(req),
        req.headers['content-type'] ?? 'application/json',
      );
      const result = api.create(def, namespace, body, writeOptions);
      return sendJson(res, 201, result.object, warningHeaders(result.warnings));
    }
    case 'update': {
      const body = parseBody(
        await readBody(req),
        req.headers['content-type'] ?? 'application/json',
      );
      const result = api.update(def, namespace, name!, body, writeOptions);
      return sendJson(res, 200, result.object, warningHeaders(result.warnings));
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
      return sendJson(
        res,
        result.created ? 201 : 200,
        result.object,
        warningHeaders(result.warnings),
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
      return sendJson(res, result.gone ? 200 : 202, result.object);
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
      return sendJson(res, 200, {
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

function sendObjects(
  ctx: WatchContext,
  res: http.ServerResponse,
  def: ResourceDefinition,
  objects: KubeObject[],
  table: boolean,
  q: URLSearchParams,
  resourceVersion: string,
  list: boolean,
) {
  if (table) {
    return sendJson(
      res,
      200,
      toTable(def, objects, {
        now: ctx.now(),
        resourceVersion,
        includeObject: q.get('includeObject') ?? undefined,
      }),
    );
  }
  return sendJson(res, 200, list ? objects : objects[0]);
}

function defaultFieldManager(req: http.IncomingMessage): string {
  // Kubernetes names an unnamed manager after the user agent's program name.
  const agent = req.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0].slice(0, 128) || 'unknown';
}
