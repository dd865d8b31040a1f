import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import type { FleetQuery } from '@mlplatform/plugin-sagemaker-scaling-common';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { sagemakerScalingApiRef } from '../../api';
import {
  backendError,
  FakeSageMakerScalingApi,
} from '../../__testUtils__/FakeSageMakerScalingApi';
import {
  churnPredictionRow,
  fleetFirstPage,
  fraudDetectionRow,
} from '../../__fixtures__/fleet';
import { SageMakerFleetPage } from './SageMakerFleetPage';
import { SEARCH_DEBOUNCE_MS } from './FleetFilterBar';

const catalogEntity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

async function renderPage(
  api: FakeSageMakerScalingApi,
  options: {
    route?: string;
    refreshIntervalMs?: number;
    pageSize?: number;
  } = {},
) {
  const catalogApi = catalogApiMock({
    entities: [
      catalogEntity('Group', 'ml-platform'),
      catalogEntity('Group', 'data-science'),
      catalogEntity('System', 'ml-inference'),
    ],
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sagemakerScalingApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <SageMakerFleetPage
        refreshIntervalMs={options.refreshIntervalMs}
        pageSize={options.pageSize}
      />
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The queries the page sent, in order. */
const fleetQueries = (api: FakeSageMakerScalingApi) =>
  api.calls.filter(c => c.method === 'getFleet').map(c => c.body as FleetQuery);
const lastQuery = (api: FakeSageMakerScalingApi) => fleetQueries(api).at(-1);

function rowOf(entityRef: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(
    `tr[data-entity-ref="${entityRef}"]`,
  );
  if (!row) throw new Error(`no row for ${entityRef}`);
  return row;
}

describe('SageMakerFleetPage', () => {
  it('asks for my groups by name and shows every column of each row', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api);

    expect(
      await screen.findByRole('link', { name: 'churn-prediction' }),
    ).toHaveAttribute('href', '/catalog/default/component/churn-prediction');
    expect(fleetQueries(api)[0]).toEqual({
      owner: ['me'],
      sort: 'name',
      order: 'asc',
      limit: 50,
    });
    expect(screen.getByRole('heading', { name: 'ML endpoints' })).toBeVisible();

    const churn = within(rowOf('component:default/churn-prediction'));
    expect(churn.getByRole('link', { name: 'ml-platform' })).toBeVisible();
    expect(churn.getByRole('link', { name: 'ml-inference' })).toBeVisible();
    expect(churn.getByText('sandbox')).toBeVisible();
    expect(churn.getByText('ml-serving')).toBeVisible();
    expect(churn.getByText('InService')).toBeVisible();
    expect(churn.getByText('2/2 of 1..3')).toBeVisible();
    expect(churn.getByText('42.5 / 60')).toBeVisible();
    expect(churn.getByText('n/a')).toHaveAttribute(
      'title',
      'less than 7 days recorded',
    );
    expect(churn.getByText('$168/mo')).toBeVisible();
    expect(churn.getByText('none')).toBeVisible();

    const fraud = within(rowOf('component:default/fraud-detection'));
    expect(fraud.getByRole('link', { name: 'fraud-detection' })).toBeVisible();
    expect(fraud.getByText('Blue: 4/4 of 1..4')).toBeVisible();
    expect(fraud.getAllByRole('img', { name: 'at max' })).toHaveLength(1);
    expect(fraud.getByText('Green: 1/1, fixed')).toBeVisible();
    expect(fraud.getByText('Blue: 130 / 100')).toBeVisible();
    expect(fraud.getByText('26%')).toBeVisible();
    expect(fraud.getByText('unknown')).toBeVisible();
    expect(fraud.getByRole('img', { name: 'Warning' })).toBeVisible();
    expect(
      fraud.getByText(
        'Variant Blue has been at its maximum of 4 instances for 25 min',
      ),
    ).toBeVisible();

    const degraded = within(rowOf('component:default/ranking'));
    expect(
      degraded.getByText('Cluster eu-west has not synced yet'),
    ).toBeVisible();
    expect(screen.getByText('1–3 of 5')).toBeVisible();
  });

  it('explains the short headers and shows long texts in full in a tooltip', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api);
    await screen.findByRole('link', { name: 'churn-prediction' });

    await userEvent.hover(screen.getByRole('button', { name: 'At max' }));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Share of the last 7 days at maximum capacity',
    );
    await userEvent.unhover(screen.getByRole('button', { name: 'At max' }));
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());

    const finding =
      'Variant Blue has been at its maximum of 4 instances for 25 min';
    await userEvent.hover(
      within(rowOf('component:default/fraud-detection')).getByText(finding),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(finding);
  });

  it('sends each filter to the backend and keeps it in the URL', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api);
    await screen.findByRole('link', { name: 'churn-prediction' });

    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'All');
    await waitFor(() => expect(lastQuery(api)?.owner).toBeUndefined());

    await userEvent.selectOptions(
      screen.getByLabelText('Owner'),
      'data-science',
    );
    await waitFor(() =>
      expect(lastQuery(api)?.owner).toEqual(['group:default/data-science']),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('System'),
      'ml-inference',
    );
    await waitFor(() =>
      expect(lastQuery(api)?.system).toEqual(['system:default/ml-inference']),
    );

    // the cluster list comes from the backend
    await userEvent.selectOptions(
      await screen
        .findByRole('option', { name: 'sandbox' })
        .then(() => screen.getByLabelText('Cluster')),
      'sandbox',
    );
    await waitFor(() => expect(lastQuery(api)?.cluster).toEqual(['sandbox']));

    await userEvent.selectOptions(
      screen.getByLabelText('Finding'),
      'Any error',
    );
    await waitFor(() => expect(lastQuery(api)?.finding).toBe('error'));
    await userEvent.selectOptions(
      screen.getByLabelText('Finding'),
      'at max capacity',
    );
    await waitFor(() =>
      expect(lastQuery(api)?.finding).toBe('at-max-capacity'),
    );

    expect(lastQuery(api)).toEqual({
      owner: ['group:default/data-science'],
      system: ['system:default/ml-inference'],
      cluster: ['sandbox'],
      finding: 'at-max-capacity',
      sort: 'name',
      order: 'asc',
      limit: 50,
    });
  });

  it('searches once typing pauses, not per keystroke', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api);
    await screen.findByRole('link', { name: 'churn-prediction' });
    const before = fleetQueries(api).length;

    await userEvent.type(screen.getByLabelText('Search by name'), 'fraud');
    await waitFor(() => expect(lastQuery(api)?.q).toBe('fraud'), {
      timeout: SEARCH_DEBOUNCE_MS * 5,
    });
    const searches = fleetQueries(api).slice(before);
    expect(searches.map(q => q.q)).toEqual(['fraud']);
  });

  it('starts from the filters in the URL, as a card links to it', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api, {
      route:
        '/?owner=all&system=system%3Adefault%2Fml-inference&sort=cost&order=desc',
    });
    await screen.findByRole('link', { name: 'churn-prediction' });
    expect(fleetQueries(api)[0]).toEqual({
      system: ['system:default/ml-inference'],
      sort: 'cost',
      order: 'desc',
      limit: 50,
    });
    expect(screen.getByLabelText('Owner')).toHaveValue('all');
    expect(
      screen.getByRole('columnheader', { name: /Run rate/ }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('sorts on the server by the clicked column, then the other way round', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api);
    await screen.findByRole('link', { name: 'churn-prediction' });
    expect(
      screen.getByRole('columnheader', { name: /Service/ }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(screen.getByRole('button', { name: 'Run rate' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ sort: 'cost', order: 'asc' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run rate' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ sort: 'cost', order: 'desc' }),
    );
    expect(
      screen.getByRole('columnheader', { name: /Run rate/ }),
    ).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(screen.getByRole('button', { name: 'At max' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        sort: 'atMaxShare',
        order: 'asc',
      }),
    );
  });

  it('pages with the cursor of the previous page and back, and starts over on a new filter', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api, { pageSize: 3 });
    await screen.findByText('1–3 of 5');
    expect(lastQuery(api)?.limit).toBe(3);
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    api.fleetPage = {
      rows: [churnPredictionRow, fraudDetectionRow],
      totalCount: 5,
    };
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('4–5 of 5')).toBeVisible();
    expect(lastQuery(api)?.cursor).toBe('3');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    api.fleetPage = fleetFirstPage;
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByText('1–3 of 5')).toBeVisible();
    expect(lastQuery(api)?.cursor).toBeUndefined();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastQuery(api)?.cursor).toBe('3'));
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'All');
    await waitFor(() => expect(lastQuery(api)?.owner).toBeUndefined());
    expect(lastQuery(api)?.cursor).toBeUndefined();
  });

  it('offers all owners when my groups own nothing', async () => {
    const api = new FakeSageMakerScalingApi();
    await renderPage(api);
    expect(await screen.findByText('No ML endpoints match')).toBeVisible();

    api.fleetPage = fleetFirstPage;
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all owners' }),
    );
    await screen.findByRole('link', { name: 'churn-prediction' });
    expect(lastQuery(api)?.owner).toBeUndefined();
    expect(screen.getByLabelText('Owner')).toHaveValue('all');
  });

  it("shows the backend's error when the list cannot be read", async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetError = await backendError(
      400,
      'InputError',
      'Invalid query: finding must be a finding code or error, warning, info',
    );
    await renderPage(api);
    expect(
      await screen.findByText(/Could not load the ML endpoints/),
    ).toBeVisible();
    expect(
      screen.getAllByText(/finding must be a finding code/).length,
    ).toBeGreaterThan(0);
  });

  it('reads the list again periodically and on demand, keeping the last list when a refresh fails', async () => {
    const api = new FakeSageMakerScalingApi();
    api.fleetPage = fleetFirstPage;
    await renderPage(api, { refreshIntervalMs: 100 });
    await screen.findByRole('link', { name: 'churn-prediction' });
    await waitFor(() => expect(fleetQueries(api).length).toBeGreaterThan(2));

    api.fleetError = await backendError(503, 'ServiceUnavailableError', 'down');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not refresh the list',
      ),
    );
    expect(
      screen.getByRole('link', { name: 'churn-prediction' }),
    ).toBeVisible();

    api.fleetError = undefined;
    const reads = fleetQueries(api).length;
    await act(async () => {
      screen.getByRole('button', { name: 'Refresh' }).click();
    });
    await waitFor(() =>
      expect(fleetQueries(api).length).toBeGreaterThan(reads),
    );
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
