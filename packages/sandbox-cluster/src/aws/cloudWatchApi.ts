/**
 * CloudWatch's AWS JSON 1.0 protocol over HTTP, the one `@aws-sdk/client-cloudwatch`
 * speaks (`X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, timestamps in epoch
 * seconds, query-compatible errors: `__type` plus an `x-amzn-query-error: Code;Sender`
 * header). Signatures are accepted without checking; the Authorization header is never
 * logged.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { FaultInjector } from '../Faults';
import { AwsServiceError } from './AwsServiceError';
import type { CloudWatchService } from './CloudWatchService';

/** `X-Amz-Target` prefix of CloudWatch operations. @internal */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';

/** Query-protocol error codes of the JSON error types, for `x-amzn-query-error`. */
const QUERY_ERROR_CODES: Record<string, string> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidNextToken: 'InvalidNextToken',
  InternalServiceFault: 'InternalServiceError',
  UnknownOperationException: 'UnknownOperation',
  SerializationException: 'MalformedInput',
  ThrottlingException: 'Throttling',
};

/** @internal */
export class CloudWatchApiServer {
  constructor(
    private readonly service: CloudWatchService,
    private readonly faults: FaultInjector,
    private readonly log: (line: string) => void,
  ) {}

  readonly handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.#handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(
        err => this.#sendError(res, err),
      );
    });
  };

  async #handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    text: string,
  ) {
    // The listener is shared with Application Auto Scaling, and so are its faults.
    const fault = this.faults.decide('aas');
    if (fault.delayMs > 0) await new Promise(r => setTimeout(r, fault.delayMs));
    if (fault.failWith) {
      throw new AwsServiceError(
        fault.failWith === 429 || fault.failWith === 400
          ? 'ThrottlingException'
          : 'InternalServiceFault',
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
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.slice(CLOUDWATCH_TARGET_PREFIX.length);
    if (
      !target.startsWith(CLOUDWATCH_TARGET_PREFIX) ||
      op !== 'GetMetricData'
    ) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `The sandbox's CloudWatch does not implement '${target}'`,
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
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsServiceError(
        'SerializationException',
        'The request body must be a JSON object',
      );
    }
    this.#send(res, 200, this.service.getMetricData(input));
  }

  #send(
    res: http.ServerResponse,
    code: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      ...headers,
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }

  #sendError(res: http.ServerResponse, err: unknown) {
    const known = err instanceof AwsServiceError;
    if (!known) {
      this.log(
        `cloudwatch internal error: ${(err as Error)?.stack ?? String(err)}`,
      );
    }
    const code = known ? err.code : 'InternalServiceFault';
    const status = known ? err.httpStatus : 500;
    const message = known ? err.message : 'internal error in the sandbox';
    const queryCode = QUERY_ERROR_CODES[code] ?? code;
    this.#send(
      res,
      status,
      { __type: code, message },
      {
        'x-amzn-query-error': `${queryCode};${
          status >= 500 ? 'Receiver' : 'Sender'
        }`,
      },
    );
  }
}
