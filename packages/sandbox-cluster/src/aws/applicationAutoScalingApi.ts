/**
 * Application Auto Scaling's operations on the AWS JSON 1.1 protocol
 * (`X-Amz-Target: AnyScaleFrontendService.<Operation>`); the framing is `AwsJsonServer`.
 */
import type { ApplicationAutoScalingService } from './ApplicationAutoScalingService';
import type { AwsJsonApi, AwsJsonOperation } from './AwsJsonServer';

/**
 * The Application Auto Scaling API over `service`; `afterWrite` runs after every
 * operation that changes state (the controllers then look again).
 * @internal
 */
export function applicationAutoScalingApi(
  service: ApplicationAutoScalingService,
  log: (line: string) => void,
  afterWrite: () => void,
): AwsJsonApi {
  const s = service;
  const write =
    (op: string, fn: AwsJsonOperation): AwsJsonOperation =>
    input => {
      const output = fn(input);
      log(
        `aas ${op} ${input.ResourceId ?? ''} ${input.PolicyName ?? ''}`.trim(),
      );
      afterWrite();
      return output;
    };
  return {
    targetPrefix: 'AnyScaleFrontendService.',
    contentType: 'application/x-amz-json-1.1',
    internalErrorCode: 'InternalServiceException',
    logName: 'aas',
    unknownOperationMessage: (target, op) =>
      op === undefined
        ? `Unknown X-Amz-Target '${target}'`
        : `The sandbox does not implement ${op}`,
    operations: {
      RegisterScalableTarget: write('RegisterScalableTarget', i =>
        s.registerScalableTarget(i),
      ),
      DescribeScalableTargets: i => s.describeScalableTargets(i),
      DeregisterScalableTarget: write('DeregisterScalableTarget', i =>
        s.deregisterScalableTarget(i),
      ),
      PutScalingPolicy: write('PutScalingPolicy', i => s.putScalingPolicy(i)),
      DescribeScalingPolicies: i => s.describeScalingPolicies(i),
      DeleteScalingPolicy: write('DeleteScalingPolicy', i =>
        s.deleteScalingPolicy(i),
      ),
      DescribeScalingActivities: i => s.describeScalingActivities(i),
    },
  };
}
