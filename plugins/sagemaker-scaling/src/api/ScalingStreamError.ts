/**
 * A problem reported on, or with, the live stream. `errorName` is the server's error
 * name (e.g. `ServiceUnavailableError`) when the backend sent one.
 * @public
 */
export class ScalingStreamError extends Error {
  readonly errorName?: string;

  constructor(message: string, errorName?: string) {
    super(message);
    this.name = 'ScalingStreamError';
    this.errorName = errorName;
  }
}
