import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * "Services 51–100 of 230" with previous/next buttons; the backend pages by cursor, so
 * pages are walked one at a time.
 * @internal
 */
export function FleetPager(props: {
  pageIndex: number;
  pageSize: number;
  shown: number;
  totalCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}) {
  const first = props.pageIndex * props.pageSize + 1;
  const last = props.pageIndex * props.pageSize + props.shown;
  return (
    <Box
      component="nav"
      aria-label="Pages"
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      style={{ gap: 16 }}
      mt={1}
    >
      <Typography variant="body2" role="status">
        {props.shown === 0
          ? `0 of ${props.totalCount}`
          : `${first}–${last} of ${props.totalCount}`}
      </Typography>
      <Button
        size="small"
        disabled={!props.hasPrevious}
        onClick={props.onPrevious}
      >
        Previous page
      </Button>
      <Button size="small" disabled={!props.hasNext} onClick={props.onNext}>
        Next page
      </Button>
    </Box>
  );
}
