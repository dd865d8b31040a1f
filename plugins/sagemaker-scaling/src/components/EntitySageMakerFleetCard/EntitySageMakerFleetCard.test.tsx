import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { FleetQuery } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { sagemakerScalingApiRef } from '../../api';
import { FakeSageMakerScalingApi } from '../../__testUtils__/FakeSageMakerScalingApi';
import { fleetFirstPage } from '../../__fixtures__/fleet';
import { sagemakerFleetRouteRef } from '../../routes';
import { EntitySageMakerFleetCard } from './EntitySageMakerFleetCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ml-platform', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'ml-inference', namespace: 'default' },
  spec: { owner: 'group:default/ml-platform' },
};

async function renderCard(api: FakeSageMakerScalingApi, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[sagemakerScalingApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntitySageMakerFleetCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/ml-endpoints': sagemakerFleetRouteRef,
      },
    },
  );
}

const fleetQueries = (api: FakeSageMakerScalingApi) =>
  api.calls.filter(c => c.method === 'getFleet').map(c => c.body as FleetQuery);

describe('EntitySageMakerFleetCard', () => {
  it("on a Group page lists the group's services, compact, linking to the page filtered by it", async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderCard(api, group);

    expect(
      await screen.findByRole('link', { name: 'churn-prediction' }),
    ).toBeVisible();
    expect(fleetQueries(api)[0]).toEqual({
      owner: ['group:default/ml-platform'],
      sort: 'name',
      order: 'asc',
      limit: 10,
    });
    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers).toEqual(['Service', 'Status', 'Instances', 'Top finding']);
    expect(within(screen.getByRole('table')).queryByRole('button')).toBeNull();
    expect(screen.getByText('Showing 3 of 5.')).toBeVisible();
    expect(
      screen.getByText('View in ML endpoints').closest('a'),
    ).toHaveAttribute(
      'href',
      '/ml-endpoints?owner=group%3Adefault%2Fml-platform',
    );
  });

  it('on a System page lists the services in the system, whoever owns them', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderCard(api, system);

    await screen.findByRole('link', { name: 'churn-prediction' });
    expect(fleetQueries(api)[0]).toEqual({
      system: ['system:default/ml-inference'],
      sort: 'name',
      order: 'asc',
      limit: 10,
    });
    expect(
      screen.getByText('View in ML endpoints').closest('a'),
    ).toHaveAttribute(
      'href',
      '/ml-endpoints?owner=all&system=system%3Adefault%2Fml-inference',
    );
  });

  it('says so when the group owns no ML endpoints', async () => {
    const api = new FakeSageMakerScalingApi();
    await renderCard(api, group);
    expect(
      await screen.findByText('No ML services with a SageMaker endpoint here.'),
    ).toBeVisible();
  });
});
