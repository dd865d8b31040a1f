import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { SettingChange } from '../../lib/scalingForm';

const useStyles = makeStyles(theme => ({
  changed: {
    backgroundColor: theme.palette.action.selected,
    '& td': { fontWeight: theme.typography.fontWeightBold as number },
  },
}));

/**
 * Before/after of every setting; changed rows are highlighted and say "changed" in
 * words, so the difference does not rely on colour.
 * @internal
 */
export function SettingsDiffTable(props: { changes: SettingChange[] }) {
  const classes = useStyles();
  return (
    <Table
      size="small"
      aria-label="Scaling changes"
      data-testid="sagemaker-settings-diff"
    >
      <TableHead>
        <TableRow>
          <TableCell>Setting</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
          <TableCell>Change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.changes.map(change => (
          <TableRow
            key={change.field}
            className={change.changed ? classes.changed : undefined}
            data-changed={change.changed}
          >
            <TableCell component="th" scope="row">
              {change.label}
            </TableCell>
            <TableCell>{change.before}</TableCell>
            <TableCell>{change.after}</TableCell>
            <TableCell>{change.changed ? 'changed' : 'unchanged'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
