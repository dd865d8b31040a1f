import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { EndpointLocation } from '@mlplatform/plugin-sagemaker-scaling-common';
import { classifyScalingError } from '../lib/classifyScalingError';

function locationText(location: EndpointLocation) {
  return `Endpoint ${location.endpointName} in namespace ${location.namespace}${
    location.cluster ? ` on cluster ${location.cluster}` : ''
  }`;
}

/**
 * A failed read with no data to show: forbidden, not found, cluster unreachable or
 * anything else, with the server's message.
 * @internal
 */
export function ScalingErrorState(props: {
  error: Error;
  location: EndpointLocation;
}) {
  const { kind, message, statusCode } = classifyScalingError(props.error);
  switch (kind) {
    case 'forbidden':
      return (
        <Alert severity="warning" data-testid="sagemaker-forbidden">
          <AlertTitle>No access to the scaling state</AlertTitle>
          You are not allowed to see the scaling of this service (permission{' '}
          <code>sagemaker.scaling.read</code>). Ask the owning team for access.
        </Alert>
      );
    case 'not-found':
      return (
        <EndpointNotFoundState location={props.location} detail={message} />
      );
    case 'unreachable':
      return (
        <Alert severity="error" data-testid="sagemaker-unreachable">
          <AlertTitle>Cluster unreachable</AlertTitle>
          {message}
        </Alert>
      );
    default:
      return (
        <Alert severity="error" data-testid="sagemaker-error">
          <AlertTitle>
            Could not load the scaling state
            {statusCode ? ` (HTTP ${statusCode})` : ''}
          </AlertTitle>
          {message}
        </Alert>
      );
  }
}

/**
 * The Endpoint named in the annotation does not exist in the cluster (not created
 * yet, deleted, or a typo in the annotation).
 * @internal
 */
export function EndpointNotFoundState(props: {
  location: EndpointLocation;
  detail?: string;
}) {
  return (
    <Alert severity="info" data-testid="sagemaker-not-found">
      <AlertTitle>Endpoint not found in the cluster</AlertTitle>
      <Typography variant="body2" component="div">
        {locationText(props.location)} does not exist.
        {props.detail && (
          <Box component="span" display="block" mt={0.5}>
            {props.detail}
          </Box>
        )}
        <Box component="span" display="block" mt={0.5}>
          If the resources were just applied, wait for the ACK controller to
          create them; otherwise check the entity's annotations.
        </Box>
      </Typography>
    </Alert>
  );
}
