import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CopyTextButton } from '@backstage/core-components';
import { stringify } from 'yaml';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { snapshotResources } from '../lib/snapshotResources';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    padding: theme.spacing(1.5),
    overflowX: 'auto',
    flexGrow: 1,
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    backgroundColor: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * The five resources as they are stored in the cluster, as YAML with a copy button
 * each, plus one to copy all of them as a multi-document file.
 * @internal
 */
export function ResourceYaml(props: { snapshot: ScalingSnapshot }) {
  const classes = useStyles();
  const resources = snapshotResources(props.snapshot);
  const documents = resources.map(resource => stringify(resource.manifest));
  return (
    <Box data-testid="sagemaker-resource-yaml">
      <Box display="flex" alignItems="center" mb={1}>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ flexGrow: 1 }}
        >
          {resources.length} resources, as stored in namespace{' '}
          {props.snapshot.namespace} on cluster {props.snapshot.cluster}.
        </Typography>
        <CopyTextButton
          text={documents.join('---\n')}
          aria-label="Copy all resources as YAML"
          tooltipText="All resources copied"
        />
      </Box>
      {resources.map((resource, index) => (
        <Accordion key={`${resource.ref.kind}/${resource.ref.name}`}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>
              {resource.ref.kind} <code>{resource.ref.name}</code>
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <pre className={classes.pre}>{documents[index]}</pre>
            <CopyTextButton
              text={documents[index]}
              aria-label={`Copy ${resource.ref.kind} ${resource.ref.name} as YAML`}
              tooltipText="YAML copied"
            />
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
