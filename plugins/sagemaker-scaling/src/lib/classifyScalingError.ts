import { ResponseError } from '@backstage/errors';
import { ScalingStreamError } from '../api/ScalingStreamError';

/** Server error names, as sent on the event stream, by UI state. */
const STREAM_ERROR_KINDS: Record<string, ScalingErrorKind> = {
  NotAllowedError: 'forbidden',
  AuthenticationError: 'forbidden',
  NotFoundError: 'not-found',
  ServiceUnavailableError: 'unreachable',
};

/** How the UI presents a failed read. @internal */
export type ScalingErrorKind =
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unreachable'
  | 'unknown';

/** A failed read, reduced to what the UI shows. @internal */
export interface ClassifiedScalingError {
  kind: ScalingErrorKind;
  statusCode?: number;
  /** The server's message when it sent one (it names the cluster and cause). */
  message: string;
}

/**
 * Maps an error from the backend to one of the designed error states, using the
 * status codes of the REST API: 403 forbidden, 404 entity or endpoint not found, 409
 * changed since it was read, 502/503/504 cluster unreachable.
 * @internal
 */
export function classifyScalingError(error: Error): ClassifiedScalingError {
  if (ResponseError.is(error)) {
    const statusCode = error.statusCode;
    const message = error.cause?.message || error.message;
    if (statusCode === 401 || statusCode === 403) {
      return { kind: 'forbidden', statusCode, message };
    }
    if (statusCode === 404) {
      return { kind: 'not-found', statusCode, message };
    }
    if (statusCode === 409) {
      return { kind: 'conflict', statusCode, message };
    }
    if (statusCode === 502 || statusCode === 503 || statusCode === 504) {
      return { kind: 'unreachable', statusCode, message };
    }
    return { kind: 'unknown', statusCode, message };
  }
  if (error instanceof ScalingStreamError) {
    return {
      kind: STREAM_ERROR_KINDS[error.errorName ?? ''] ?? 'unknown',
      message: error.message,
    };
  }
  return { kind: 'unknown', message: error.message };
}
