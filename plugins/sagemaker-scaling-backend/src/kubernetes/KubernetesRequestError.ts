/**
 * Why a request to a cluster failed, in words safe to show to people (never a token).
 */

/** @internal */
export type KubernetesFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'gone'
  | 'server-error';

/**
 * A failed request to a Kubernetes API server.
 * @internal
 */
export class KubernetesRequestError extends Error {
  readonly kind: KubernetesFailureKind;
  readonly statusCode?: number;

  constructor(options: {
    kind: KubernetesFailureKind;
    message: string;
    statusCode?: number;
  }) {
    super(options.message);
    this.name = 'KubernetesRequestError';
    this.kind = options.kind;
    this.statusCode = options.statusCode;
  }

  /** From an HTTP status and the body, which is a Kubernetes `Status` when the server wrote it. */
  static fromResponse(
    statusCode: number,
    body: string,
  ): KubernetesRequestError {
    let message = `HTTP ${statusCode}`;
    try {
      const status = JSON.parse(body);
      if (status && typeof status.message === 'string' && status.message) {
        message = `${message}: ${status.message}`;
      }
    } catch {
      // Not a Status object; the code says enough.
    }
    return new KubernetesRequestError({
      kind: kindForStatus(statusCode),
      message,
      statusCode,
    });
  }

  /** From a socket-level error (refused, reset, DNS, TLS). */
  static fromNetworkError(
    error: Error & { code?: string },
  ): KubernetesRequestError {
    const code = error.code ? ` (${error.code})` : '';
    return new KubernetesRequestError({
      kind: 'unreachable',
      message: `connection failed${code}: ${error.message}`,
    });
  }
}

function kindForStatus(statusCode: number): KubernetesFailureKind {
  switch (statusCode) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 400:
    case 422:
      return 'invalid';
    default:
      return 'server-error';
  }
}
