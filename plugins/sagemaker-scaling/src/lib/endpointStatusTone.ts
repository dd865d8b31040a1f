import type { EndpointStatusValue } from '@mlplatform/plugin-sagemaker-scaling-common';

/** Visual category of an endpoint status. @internal */
export type StatusTone = 'ok' | 'pending' | 'warning' | 'error' | 'unknown';

/** The colour and icon family a SageMaker endpoint status is shown in. @internal */
export function endpointStatusTone(
  status: EndpointStatusValue | undefined,
): StatusTone {
  switch (status) {
    case 'InService':
      return 'ok';
    case 'Creating':
    case 'Updating':
    case 'SystemUpdating':
    case 'RollingBack':
      return 'pending';
    case 'Deleting':
    case 'OutOfService':
      return 'warning';
    case 'Failed':
    case 'UpdateRollbackFailed':
      return 'error';
    default:
      return 'unknown';
  }
}
