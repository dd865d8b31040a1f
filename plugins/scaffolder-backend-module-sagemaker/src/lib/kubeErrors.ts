/**
 * Classifies errors of the Kubernetes client: which ones are worth waiting out (the API
 * server or the network hiccuped) and which ones are answers (404, 422, 403...).
 */
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Node network error codes that mean "try again later". */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * What a failed Kubernetes request said.
 * @internal
 */
export interface KubeErrorInfo {
  /** HTTP status, when the API server answered. */
  statusCode?: number;
  /** The API server's `Status.message`, or the network error's message. */
  message: string;
  /** True for 5xx, 429 and network errors: waiting may help. */
  transient: boolean;
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.trim() || undefined;
    }
  }
  if (body && typeof body === 'object') {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') {
      return message;
    }
  }
  return undefined;
}

/**
 * Reads an error thrown by `@kubernetes/client-node` (an `ApiException` carrying the
 * HTTP code and the `Status` body, or a fetch/network error).
 * @internal
 */
export function describeKubeError(error: unknown): KubeErrorInfo {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'number') {
    const message =
      statusMessage((error as { body?: unknown }).body) ??
      `HTTP ${code} from the Kubernetes API`;
    return {
      statusCode: code,
      message,
      transient: code >= 500 || code === 429,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const network = networkCode(error);
  return {
    message:
      network && !message.includes(network)
        ? `${message} (${network})`
        : message,
    transient:
      (network !== undefined && TRANSIENT_NETWORK_CODES.has(network)) ||
      /fetch failed|socket hang up|network/i.test(message),
  };
}

/** True when the API server answered 404. @internal */
export function isKubeNotFound(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 404;
}

/**
 * Turns a Kubernetes client error into a `@backstage/errors` error whose message says what
 * we were doing and what the API server answered.
 * @internal
 */
export function toBackstageKubeError(error: unknown, doing: string): Error {
  const info = describeKubeError(error);
  const message = `${doing} failed: ${info.message}`;
  switch (info.statusCode) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return info.transient
        ? new ServiceUnavailableError(message)
        : new Error(message);
  }
}
