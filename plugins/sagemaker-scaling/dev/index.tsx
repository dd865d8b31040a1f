/**
 * Dev app: `yarn workspace @mlplatform/plugin-sagemaker-scaling start` shows the card and
 * the tab against an in-memory fake of the backend, in every designed state, with a
 * live page whose capacity changes every few seconds.
 */
import type { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { createDevApp } from '@backstage/dev-utils';
import { Content, Header, Page } from '@backstage/core-components';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  EntitySageMakerScalingCard,
  EntitySageMakerScalingContent,
  sagemakerScalingApiRef,
  sagemakerScalingPlugin,
} from '../src';
import { FakeSageMakerScalingApi } from '../src/__testUtils__/FakeSageMakerScalingApi';
import {
  atMaxCapacitySnapshot,
  churnPredictionEntity,
  creatingSnapshot,
  endpointMissingSnapshot,
  entityWithoutAnnotation,
  failedSnapshot,
  inServiceSnapshot,
  noScalingSnapshot,
  observedAgo,
  staleSnapshot,
  terminalPolicySnapshot,
} from '../src/__fixtures__/snapshots';

/** The live demo: traffic moves the desired count between 1 and 3. */
const liveApi = new FakeSageMakerScalingApi(observedAgo(inServiceSnapshot, 0));
let tick = 0;
setInterval(() => {
  tick++;
  const desired = [1, 2, 3, 3, 2][tick % 5];
  const base = liveApi.snapshot ?? inServiceSnapshot;
  liveApi.push({
    ...base,
    observedAt: new Date().toISOString(),
    variants: base.variants.map(v => ({
      ...v,
      desiredInstanceCount: desired,
      currentInstanceCount: desired,
      latestLoadPerInstance: 30 + desired * 20,
    })),
  });
}, 4000);

function WithSnapshot(props: {
  snapshot: ScalingSnapshot;
  children: ReactNode;
}) {
  return (
    <TestApiProvider
      apis={[
        [sagemakerScalingApiRef, new FakeSageMakerScalingApi(props.snapshot)],
      ]}
    >
      {props.children}
    </TestApiProvider>
  );
}

const states: [string, ScalingSnapshot][] = [
  ['InService', inServiceSnapshot],
  ['Creating', creatingSnapshot],
  ['Failed', failedSnapshot],
  ['Terminal policy', terminalPolicySnapshot],
  ['At max capacity', atMaxCapacitySnapshot],
  ['No scaling configured', noScalingSnapshot],
  ['Cluster unreachable (stale)', staleSnapshot],
  ['Endpoint not in cluster', endpointMissingSnapshot],
];

createDevApp()
  .registerPlugin(sagemakerScalingPlugin)
  .registerApi({
    api: sagemakerScalingApiRef,
    deps: {},
    factory: () => liveApi,
  })
  .registerApi({
    api: permissionApiRef,
    deps: {},
    factory: () => mockApis.permission(),
  })
  .addPage({
    title: 'Live tab',
    path: '/sagemaker-scaling/live',
    element: (
      <Page themeId="tool">
        <Header title="churn-prediction" subtitle="Scaling tab, live fake" />
        <Content>
          <EntityProvider entity={churnPredictionEntity}>
            <EntitySageMakerScalingContent />
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .addPage({
    title: 'Card states',
    path: '/sagemaker-scaling/states',
    element: (
      <Page themeId="tool">
        <Header
          title="SageMaker scaling card"
          subtitle="Every designed state"
        />
        <Content>
          <Grid container spacing={3}>
            {states.map(([title, snapshot]) => (
              <Grid item xs={12} md={6} lg={4} key={title}>
                <Typography variant="h6">{title}</Typography>
                <WithSnapshot snapshot={snapshot}>
                  <EntityProvider entity={churnPredictionEntity}>
                    <EntitySageMakerScalingCard />
                  </EntityProvider>
                </WithSnapshot>
              </Grid>
            ))}
            <Grid item xs={12} md={6} lg={4}>
              <Typography variant="h6">Annotation missing</Typography>
              <EntityProvider entity={entityWithoutAnnotation}>
                <EntitySageMakerScalingCard />
              </EntityProvider>
            </Grid>
          </Grid>
        </Content>
      </Page>
    ),
  })
  .render();
