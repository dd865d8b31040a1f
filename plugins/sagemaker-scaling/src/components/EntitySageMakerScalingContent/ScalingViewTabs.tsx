import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { SCALING_VIEWS, type ScalingView } from '../../hooks/useScalingView';

const tabId = (view: ScalingView) => `sagemaker-scaling-tab-${view}`;
const panelId = (view: ScalingView) => `sagemaker-scaling-panel-${view}`;

/**
 * The tabs that switch the Scaling tab's sub-views (Overview, Plan, History), styled
 * like Backstage's tabbed cards: a tablist whose tabs control the labelled panels.
 * @internal
 */
export function ScalingViewTabs(props: {
  value: ScalingView;
  onChange(view: ScalingView): void;
}) {
  return (
    <Box borderBottom={1} borderColor="divider" mb={3}>
      <Tabs
        value={props.value}
        onChange={(_event, view: ScalingView) => props.onChange(view)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Scaling views"
        data-testid="sagemaker-scaling-views"
      >
        {SCALING_VIEWS.map(view => (
          <Tab
            key={view.id}
            value={view.id}
            label={view.label}
            id={tabId(view.id)}
            aria-controls={panelId(view.id)}
            data-testid={tabId(view.id)}
          />
        ))}
      </Tabs>
    </Box>
  );
}

/**
 * The panel of one sub-view, labelled by its tab. Its content mounts only while it is
 * selected, so a hidden view fetches nothing; the empty panel stays for `aria-controls`.
 * @internal
 */
export function ScalingViewPanel(props: {
  view: ScalingView;
  selected: ScalingView;
  children: ReactNode;
}) {
  const active = props.view === props.selected;
  return (
    <div
      role="tabpanel"
      id={panelId(props.view)}
      aria-labelledby={tabId(props.view)}
      hidden={!active}
      data-testid={panelId(props.view)}
    >
      {active && props.children}
    </div>
  );
}
