import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CodeSnippet } from '@backstage/core-components';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_ENDPOINT_NAME,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@mlplatform/plugin-sagemaker-scaling-common';

const EXAMPLE = `metadata:
  annotations:
    ${ANNOTATION_ENDPOINT_NAME}: churn-prediction
    ${ANNOTATION_KUBERNETES_NAMESPACE}: ml-serving
    # only needed when several clusters are configured
    ${ANNOTATION_CLUSTER}: production`;

/**
 * Explains how to link an entity to its SageMaker endpoint when the annotation is
 * missing, with a snippet to paste into catalog-info.yaml.
 * @internal
 */
export function MissingAnnotationState() {
  return (
    <Box data-testid="sagemaker-missing-annotation">
      <Typography variant="body1" gutterBottom>
        This entity is not linked to a SageMaker endpoint.
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        Add the <code>{ANNOTATION_ENDPOINT_NAME}</code> annotation with the{' '}
        <code>metadata.name</code> of the ACK Endpoint resource to the entity's{' '}
        <code>catalog-info.yaml</code>, and the namespace it lives in:
      </Typography>
      <CodeSnippet text={EXAMPLE} language="yaml" showCopyCodeButton />
    </Box>
  );
}
