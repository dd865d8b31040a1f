/**
 * The Kubernetes API's HTTP framing: request bodies (size limit, JSON or YAML) and JSON
 * responses, `Warning` headers and Status errors.
 */
import type http from 'node:http';
import { parse as parseYaml } from 'yaml';
import { KubeStatusError, statusObject } from './KubeStatusError';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The request body as text (413 beyond 3 MiB). @internal */
export function readBody(req: http.IncomingMessage): Promise<string> {
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

/** A request body as JSON or YAML (by content type). @internal */
export function parseBody(text: string, contentType: string): unknown {
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

/** Sends `body` as JSON. @internal */
export function sendJson(
  res: http.ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  sendJsonText(res, code, JSON.stringify(body), headers);
}

/** Sends JSON text that is already serialized. @internal */
export function sendJsonText(
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

/** `Warning` headers (code 299) for the warnings of a write. @internal */
export function warningHeaders(warnings: string[]): Record<string, string> {
  if (warnings.length === 0) return {};
  return {
    warning: warnings
      .map(w => `299 - "${w.replace(/["\\]/g, c => `\\${c}`)}"`)
      .join(', '),
  };
}

/** Sends an error as a Status (500 for anything but a KubeStatusError, logged). @internal */
export function sendKubeError(
  res: http.ServerResponse,
  err: unknown,
  log: (line: string) => void,
) {
  const status =
    err instanceof KubeStatusError
      ? err.toStatus()
      : statusObject(
          500,
          `Internal error occurred: ${(err as Error)?.message ?? String(err)}`,
        );
  if (!(err instanceof KubeStatusError)) {
    log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status.code, status);
}
