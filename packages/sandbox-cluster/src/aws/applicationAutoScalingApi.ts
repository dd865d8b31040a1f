/**
 * Application Auto Scaling's AWS JSON 1.1 protocol over HTTP
 * (`X-Amz-Target: AnyScaleFrontendService.<Operation>`). Signatures are accepted
 * without checking; the Authorization header is never logged.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { FaultInjector } from '../Faults';
import type { ApplicationAutoScalingService } from './ApplicationAutoScalingService';
import { AwsServiceError } from './AwsServiceError';

const TARGET_PREFIX = 'AnyScaleFrontendService.';

/** @internal */
export class AasApiServer {
  constructor(
    private readonly service: ApplicationAutoScalingService,
    private readonly faults: FaultInjector,
    private readonly log: (line: string) => void,
    private readonly afterWrite: () => void,
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
    const fault = this.faults.decide('aas');
    if (fault.delayMs > 0) await new Promise(r => setTimeout(r, fault.delayMs));
    if (fault.failWith) {
      throw new AwsServiceError(
        fault.failWith === 429 || fault.failWith === 400
          ? 'ThrottlingException'
          : 'InternalServiceException',
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
    if (!target.startsWith(TARGET_PREFIX)) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `Unknown X-Amz-Target '${target}'`,
      );
    }
    let input: any;
    try {
      input = text.trim() ? JSON.parse(text) : {};
    } catch {
      throw new AwsServiceError(
        'SerializationException',
        'The request body is not valid JSON',
      );
    }
    const op = target.slice(TARGET_PREFIX.length);
    const s = this.service;
    const ops: Record<string, (i: any) => unknown> = {
      RegisterScalableTarget: i => s.registerScalableTarget(i),
      DescribeScalableTargets: i => s.describeScalableTargets(i),
      DeregisterScalableTarget: i => s.deregisterScalableTarget(i),
      PutScalingPolicy: i => s.putScalingPolicy(i),
      DescribeScalingPolicies: i => s.describeScalingPolicies(i),
      DeleteScalingPolicy: i => s.deleteScalingPolicy(i),
      DescribeScalingActivities: i => s.describeScalingActivities(i),
    };
    const fn = ops[op];
    if (!fn) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `The sandbox does not implement ${op}`,
      );
    }
    const output = fn(input);
    if (!op.startsWith('Describe')) {
      this.log(
        `aas ${op} ${input.ResourceId ?? ''} ${input.PolicyName ?? ''}`.trim(),
      );
      this.afterWrite();
    }
    this.#send(res, 200, output);
  }

  #send(res: http.ServerResponse, code: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  }

  #sendError(res: http.ServerResponse, err: unknown) {
    if (err instanceof AwsServiceError) {
      this.#send(res, err.httpStatus, {
        __type: err.code,
        message: err.message,
      });
      return;
    }
    this.log(`aas internal error: ${(err as Error)?.stack ?? String(err)}`);
    this.#send(res, 500, {
      __type: 'InternalServiceException',
      message: 'internal error in the sandbox',
    });
  }
}
