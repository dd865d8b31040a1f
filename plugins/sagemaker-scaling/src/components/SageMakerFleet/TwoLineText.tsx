import Tooltip from '@material-ui/core/Tooltip';
import Typography, { type TypographyProps } from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  clamp: {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 2,
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
});

/**
 * A long text (a finding, a degraded reason, a binding message) cut to two lines so the
 * table's rows stay short; the full text stays in the document for screen readers and
 * shows in a tooltip.
 * @internal
 */
export function TwoLineText(props: {
  text: string;
  variant?: TypographyProps['variant'];
  color?: TypographyProps['color'];
}) {
  const classes = useStyles();
  return (
    <Tooltip title={props.text} enterDelay={300}>
      <Typography
        variant={props.variant ?? 'body2'}
        color={props.color}
        component="div"
        className={classes.clamp}
      >
        {props.text}
      </Typography>
    </Tooltip>
  );
}
