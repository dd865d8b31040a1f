/**
 * The AWS JSON protocol framing every AWS API of the sandbox shares: read the body, pick
 * the API and operation by `X-Amz-Target: <prefix><Operation>`, inject faults, parse the
 * JSON input (an object) and answer in the API's JSON content type with AWS's error shape. Signatures
 * are accepted without checking; the Authorization header is never logged.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { FaultInjector } from '../Faults';
import { AwsServiceError } from './AwsServiceError';

/** One operation: the parsed JSON input in, the JSON output out (or an AwsServiceError). */
export type AwsJsonOperation = (input: any) => unknown;

/** One AWS API served over the AWS JSON protocol. @internal */
export interface AwsJsonApi {
  /** Prefix of its `X-Amz-Target`, e.g. `AnyScaleFrontendService.`. */
  targetPrefix: string;
  /** AWS JSON 1.0 or 1.1. */
  contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
  /** Its operations by name. */
  operations: Record<string, AwsJsonOperation>;
  /** `__type` of server-side failures (injected or internal). */
  internalErrorCode: string;
  /** Names the API in the log line of an internal error. */
  logName: string;
  /** The message of an unknown operation or a foreign `X-Amz-Target`. */
  unknownOperationMessage(target: string, operation?: string): string;
  /** Extra headers on error responses (e.g. query-compatible error codes). */
  errorHeaders?(code: string, httpStatus: number): Record<string, string>;
}

/**
 * Serves AWS JSON APIs on one listener, told apart by `X-Amz-Target`; a target no API
 * claims is answered by the first API, as an unknown operation.
 * @internal
 */
export class AwsJsonServer {
  constructor(
    private readonly apis: readonly AwsJsonApi[],
    private readonly faults: FaultInjector,
    private readonly log: (line: string) => void,
  ) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const api =
      this.apis.find(a => target.startsWith(a.targetPrefix)) ?? this.apis[0];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.#handle(
        api,
        req,
        target,
        res,
        Buffer.concat(chunks).toString('utf8'),
      ).catch(err => this.#sendError(api, res, err));
    });
  };

  async #handle(
    api: AwsJsonApi,
    req: http.IncomingMessage,
    target: string,
    res: http.ServerResponse,
    text: string,
  ) {
    // Every AWS API of the sandbox shares the listener, and so the `aas` fault target.
    const fault = this.faults.decide('aas');
    if (fault.delayMs > 0) await new Promise(r => setTimeout(r, fault.delayMs));
    if (fault.failWith) {
      throw new AwsServiceError(
        fault.failWith === 429 || fault.failWith === 400
          ? 'ThrottlingException'
          : api.internalErrorCode,
        `sandbox fault injection: answering ${fault.failWith}`,
        fault.failWith,
      );
    }
    if (req.method !== 'POST') {
      throw new AwsServiceError(
        'UnknownOperationException',
        'Only POST is supported',
        404,
      );
    }
    const name = target.startsWith(api.targetPrefix)
      ? target.slice(api.targetPrefix.length)
      : undefined;
    const operation =
      name !== undefined && Object.hasOwn(api.operations, name)
        ? api.operations[name]
        : undefined;
    if (!operation) {
      throw new AwsServiceError(
        'UnknownOperationException',
        api.unknownOperationMessage(target, name),
      );
    }
    let input: unknown;
    try {
      input = text.trim() ? JSON.parse(text) : {};
    } catch {
      throw new AwsServiceError(
        'SerializationException',
        'The request body is not valid JSON',
      );
    }
    // Every AWS JSON operation's input is a structure.
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsServiceError(
        'SerializationException',
        'The request body must be a JSON object',
      );
    }
    this.#send(api, res, 200, operation(input));
  }

  #send(
    api: AwsJsonApi,
    res: http.ServerResponse,
    code: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      ...headers,
      'content-type': api.contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }

  #sendError(api: AwsJsonApi, res: http.ServerResponse, err: unknown) {
    const known = err instanceof AwsServiceError;
    if (!known) {
      this.log(
        `${api.logName} internal error: ${
          (err as Error)?.stack ?? String(err)
        }`,
      );
    }
    const code = known ? err.code : api.internalErrorCode;
    const status = known ? err.httpStatus : 500;
    const message = known ? err.message : 'internal error in the sandbox';
    this.#send(
      api,
      res,
      status,
      { __type: code, message },
      api.errorHeaders?.(code, status),
    );
  }
}
