/**
 * CloudWatch's operations on the AWS JSON 1.0 protocol `@aws-sdk/client-cloudwatch`
 * speaks (`X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, timestamps in epoch
 * seconds, query-compatible errors: `__type` plus an `x-amzn-query-error: Code;Sender`
 * header); the framing is `AwsJsonServer`.
 */
import type { AwsJsonApi } from './AwsJsonServer';
import type { CloudWatchAlarms } from './CloudWatchAlarms';
import type { CloudWatchService } from './CloudWatchService';

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

/**
 * The CloudWatch API: `GetMetricData` over `service`, `DescribeAlarms` over the
 * target-tracking alarms.
 * @internal
 */
export function cloudWatchApi(
  service: CloudWatchService,
  alarms: CloudWatchAlarms,
): AwsJsonApi {
  return {
    targetPrefix: 'GraniteServiceVersion20100801.',
    contentType: 'application/x-amz-json-1.0',
    internalErrorCode: 'InternalServiceFault',
    logName: 'cloudwatch',
    unknownOperationMessage: target =>
      `The sandbox's CloudWatch does not implement '${target}'`,
    errorHeaders: (code, status) => ({
      'x-amzn-query-error': `${QUERY_ERROR_CODES[code] ?? code};${
        status >= 500 ? 'Receiver' : 'Sender'
      }`,
    }),
    operations: {
      GetMetricData: input => service.getMetricData(input),
      DescribeAlarms: input => alarms.describe(input),
    },
  };
}
