/**
 * The one mapping from a failed request to a cluster (as `@kubernetes/client-node`
 * throws it) to the `@backstage/errors` error callers get. The plugin's own trouble
 * with a cluster (unreachable, too slow, refusing the plugin's credentials) is a 503
 * naming the cluster; only the caller's mistakes are 4xx.
 */
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Node and undici network error codes: the cluster could not be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * What a failed cluster request said, without anything secret: the HTTP status and the
 * API server's `Status` message (never the request or response headers, which
 * `ApiException.message` repeats), or the network error's code.
 */
interface ClusterFailure {
  statusCode?: number;
  /** Network error code (ECONNREFUSED...), or 'timeout'. */
  networkCode?: string;
  /** Safe to show: the Status message with its field causes, or the network cause. */
  detail: string;
}

/** Reads an error of `@kubernetes/client-node`; undefined when it is not one. */
function describeFailure(error: unknown): ClusterFailure | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as {
    code?: unknown;
    statusCode?: unknown;
    body?: unknown;
    name?: unknown;
    message?: unknown;
    type?: unknown;
  };
  // ApiException of the generated API (code + Status body), or the Watch's error for a
  // non-200 answer (statusCode, no body).
  let statusCode: number | undefined;
  if (typeof e.code === 'number') statusCode = e.code;
  else if (typeof e.statusCode === 'number') statusCode = e.statusCode;
  if (statusCode !== undefined) {
    const status = statusMessage(e.body);
    return {
      statusCode,
      detail: status ? `HTTP ${statusCode}: ${status}` : `HTTP ${statusCode}`,
    };
  }
  if (
    e.name === 'AbortError' ||
    e.type === 'aborted' ||
    e.name === 'TimeoutError'
  ) {
    // Requests are aborted only by the client's request timeout.
    return { networkCode: 'timeout', detail: 'no answer in time (timeout)' };
  }
  const code = networkCode(error);
  if (code && (NETWORK_CODES.has(code) || e.type === 'system')) {
    return { networkCode: code, detail: `connection failed (${code})` };
  }
  if (
    e.name === 'FetchError' ||
    /socket hang up|fetch failed/i.test(String(e.message))
  ) {
    return { networkCode: 'unknown', detail: 'connection failed' };
  }
  return undefined;
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const c = current as { code?: unknown; errno?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.errno === 'string') return c.errno;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The Status message, with the field causes it does not already name. */
function statusMessage(body: unknown): string | undefined {
  let status = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      // Not a Status: a proxy's text page, which may echo anything; leave it out.
      return undefined;
    }
  }
  if (!status || typeof status !== 'object') return undefined;
  const s = status as {
    message?: unknown;
    details?: { causes?: { field?: unknown; message?: unknown }[] };
  };
  let message = typeof s.message === 'string' ? s.message : '';
  for (const cause of s.details?.causes ?? []) {
    const text = [cause.field, cause.message]
      .filter(p => typeof p === 'string' && p)
      .join(': ');
    if (text && !message.includes(String(cause.message ?? text))) {
      message = message ? `${message}; ${text}` : text;
    }
  }
  return message || undefined;
}

/**
 * Turns a failed request to cluster `clusterName` into the error to give the caller:
 *
 * - 401/403 from the API server: the cluster refused the plugin's credentials, a 503
 *   (`ServiceUnavailableError`), never a 403 that would blame the user;
 * - unreachable, timed out, 429 and 5xx: `ServiceUnavailableError` naming the cause;
 * - 404: `NotFoundError`; 409: `ConflictError`; 400/422: `InputError` with the API
 *   server's message and field causes.
 *
 * Messages name the cluster (after `options.doing`, e.g. "Deleting Model m failed: ");
 * they never contain tokens or headers. Errors that did not come from a cluster request
 * (e.g. the caller's own `ConflictError`) are returned as they are.
 * @public
 */
export function toClusterError(
  clusterName: string,
  error: unknown,
  options: { doing?: string } = {},
): Error {
  const failure = describeFailure(error);
  if (!failure) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const { statusCode, detail } = failure;
  const cluster = `${
    options.doing ? `${options.doing} failed: cluster` : 'Cluster'
  } '${clusterName}'`;
  switch (statusCode) {
    case 401:
    case 403:
      return new ServiceUnavailableError(
        `${cluster} refused the SageMaker scaling plugin's credentials (${detail}); its service account needs access to the ACK resources`,
      );
    case 404:
      return new NotFoundError(`${cluster} answered ${detail}`);
    case 409:
      return new ConflictError(
        `${cluster} rejected the change as conflicting (${detail})`,
      );
    case 400:
    case 422:
      return new InputError(`${cluster} rejected the change (${detail})`);
    default:
      return new ServiceUnavailableError(
        `${cluster} is not available: ${detail}`,
      );
  }
}

/**
 * True when waiting may help: the cluster was unreachable or too slow, or answered 429
 * or 5xx. False for its answers about the request (4xx), for refused credentials, and
 * for errors that are not cluster request failures.
 * @public
 */
export function isTransientClusterError(error: unknown): boolean {
  const failure = describeFailure(error);
  if (!failure) return false;
  if (failure.statusCode === undefined) return true;
  return failure.statusCode === 429 || failure.statusCode >= 500;
}

/**
 * True when the API server answered 404.
 * @public
 */
export function isClusterNotFound(error: unknown): boolean {
  return describeFailure(error)?.statusCode === 404;
}

/**
 * True when the API server answered 410 Gone (a watch's resourceVersion is too old).
 * @public
 */
export function isClusterGone(error: unknown): boolean {
  return describeFailure(error)?.statusCode === 410;
}
