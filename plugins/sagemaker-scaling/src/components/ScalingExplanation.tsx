import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import type { ScalingExplanation as Explanation } from '@mlplatform/plugin-sagemaker-scaling-common';

/** Clock time of an ISO time stamp in the viewer's locale, e.g. "14:02". */
function clockTime(iso: string | undefined): string | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time)
    ? undefined
    : new Date(time).toLocaleTimeString([], {
        hour: '2-digit',
        minute: '2-digit',
      });
}

/**
 * Why a variant did (not) scale: the backend's one-sentence summary with the times it
 * holds since or until, and its evidence (reason codes, alarm states, thresholds,
 * datapoints, times) behind a toggle.
 * @internal
 */
export function ScalingExplanation(props: { explanation: Explanation }) {
  const { explanation } = props;
  const [open, setOpen] = useState(false);
  const since = clockTime(explanation.since);
  const until = clockTime(explanation.until);
  return (
    <Box
      data-testid="sagemaker-explanation"
      data-state={explanation.state}
      style={{ marginTop: 4 }}
    >
      <Typography variant="body2">
        {explanation.summary}
        {since ? ` (since ${since})` : ''}
        {until ? ` (until ${until})` : ''}.
        {explanation.evidence.length > 0 && (
          <Button
            size="small"
            color="primary"
            aria-expanded={open}
            onClick={() => setOpen(o => !o)}
            style={{ marginLeft: 4, padding: '0 4px', minWidth: 0 }}
          >
            {open ? 'Hide evidence' : 'Why?'}
          </Button>
        )}
      </Typography>
      <Collapse in={open} unmountOnExit>
        <Box
          component="ul"
          data-testid="sagemaker-explanation-evidence"
          style={{ margin: '4px 0 0', paddingLeft: 20 }}
        >
          {explanation.evidence.map((item, index) => (
            <Typography
              key={index}
              component="li"
              variant="body2"
              color="textSecondary"
              data-evidence-kind={item.kind}
            >
              {item.text}
              {item.time ? ` — ${clockTime(item.time)}` : ''}
            </Typography>
          ))}
          {explanation.nextChange && (
            <Typography component="li" variant="body2" color="textSecondary">
              Next scale-{explanation.nextChange.direction}:{' '}
              {explanation.nextChange.condition}
              {explanation.nextChange.notBefore
                ? `, not before ${clockTime(explanation.nextChange.notBefore)}`
                : ''}
            </Typography>
          )}
        </Box>
      </Collapse>
    </Box>
  );
}
