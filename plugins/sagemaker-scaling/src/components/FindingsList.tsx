import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import type { ScalingFinding } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Findings as alerts, in the order given (most severe first). Each alert has the
 * severity's icon and the finding's sentence, including the controller's message.
 * @internal
 */
export function FindingsList(props: { findings: ScalingFinding[] }) {
  if (props.findings.length === 0) {
    return null;
  }
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 8 }}
      data-testid="sagemaker-findings"
    >
      {props.findings.map((finding, index) => (
        <Alert
          key={`${finding.code}-${index}`}
          severity={finding.severity}
          variant="outlined"
          data-finding-code={finding.code}
        >
          {finding.message}
        </Alert>
      ))}
    </Box>
  );
}
