/**
 * Kubernetes API errors, rendered as `metav1.Status` objects.
 */

/** One `details.causes[]` entry of a Status. @public */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** What a Status says about the object it concerns. @public */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** `metav1.Status` @public */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * An error the API server answers with a Status of the given code.
 * @public
 */
export class KubeStatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusDetails;

  constructor(
    code: number,
    message: string,
    options?: { reason?: string; details?: StatusDetails },
  ) {
    super(message);
    this.name = 'KubeStatusError';
    this.code = code;
    this.reason = options?.reason ?? REASONS[code] ?? 'Unknown';
    this.details = options?.details;
  }

  toStatus(): KubeStatus {
    return statusObject(this.code, this.message, this.reason, this.details);
  }
}

/** Builds a failure Status object. @internal */
export function statusObject(
  code: number,
  message: string,
  reason?: string,
  details?: StatusDetails,
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
    code,
  };
}

/** `<plural>.<group> "<name>" not found` @internal */
export function notFound(
  plural: string,
  group: string,
  name: string,
  kind?: string,
): KubeStatusError {
  const resource = group ? `${plural}.${group}` : plural;
  return new KubeStatusError(404, `${resource} "${name}" not found`, {
    details: { name, group: group || undefined, kind: kind ?? plural },
  });
}
