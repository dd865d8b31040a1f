/**
 * An AWS API error: the `__type` code and message of an AWS JSON error response.
 */

/** @public */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly httpStatus: number;

  constructor(code: string, message: string, httpStatus = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

/** `ValidationException` @internal */
export function validationError(message: string) {
  return new AwsServiceError('ValidationException', message);
}

/** `ObjectNotFoundException` @internal */
export function objectNotFound(message: string) {
  return new AwsServiceError('ObjectNotFoundException', message);
}
