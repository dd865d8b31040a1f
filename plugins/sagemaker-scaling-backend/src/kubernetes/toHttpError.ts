import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubernetesRequestError } from './KubernetesRequestError';

/**
 * Turns a failed cluster request into the error the caller gets: their mistakes as
 * 4xx, the cluster's trouble as 503 naming the cluster and the cause.
 * @internal
 */
export function toHttpError(cluster: string, error: unknown): Error {
  if (!(error instanceof KubernetesRequestError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const cause = `cluster '${cluster}' answered ${error.message}`;
  switch (error.kind) {
    case 'invalid':
      return new InputError(`The change was rejected: ${cause}`);
    case 'conflict':
      return new ConflictError(
        `The change conflicts with the cluster's state: ${cause}`,
      );
    case 'not-found':
      return new NotFoundError(`Not found: ${cause}`);
    case 'unauthorized':
    case 'forbidden':
      return new ServiceUnavailableError(
        `Cluster '${cluster}' refused this plugin's credentials: ${error.message}`,
      );
    default:
      return new ServiceUnavailableError(
        `Cluster '${cluster}' is not available: ${error.message}`,
      );
  }
}
