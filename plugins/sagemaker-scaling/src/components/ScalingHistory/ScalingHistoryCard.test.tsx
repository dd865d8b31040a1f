import { act, screen, waitFor, within } from '@testing-library/react';
import userEventModule from '@testing-library/user-event';
import type {
  RecordedScalingSettings,
  SettingChange,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  backendError,
  FakeSageMakerScalingApi,
} from '../../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import {
  churnPredictionEntity,
  inServiceSnapshot,
} from '../../__fixtures__/snapshots';
import { EntitySageMakerScalingContent } from '../EntitySageMakerScalingContent';

const userEvent = userEventModule.setup({ delay: null });

/** The fixture variant's settings as the cluster has them. */
const CURRENT: Required<RecordedScalingSettings> = {
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};

function change(
  id: number,
  fields: Partial<SettingChange> &
    Pick<SettingChange, 'before' | 'after' | 'actor' | 'source'>,
): SettingChange {
  return {
    id,
    entityRef: 'component:default/churn-prediction',
    cluster: 'sandbox',
    namespace: 'ml-serving',
    resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
    endpointName: 'churn-prediction',
    variantName: 'AllTraffic',
    result: 'success',
    createdAt: new Date(Date.now() - (10 - id) * 60_000).toISOString(),
    ...fields,
  };
}

/** A consistent chain ending at the current settings, newest first. */
function recordedChanges(): SettingChange[] {
  return [
    change(4, {
      before: { ...CURRENT, maxCapacity: 5 },
      after: CURRENT,
      actor: 'kubectl-edit',
      source: 'out-of-band',
    }),
    change(3, {
      before: { ...CURRENT, maxCapacity: 5, targetValue: 50 },
      after: { ...CURRENT, maxCapacity: 5 },
      actor: 'user:default/alice',
      source: 'backstage',
    }),
    change(2, {
      before: { ...CURRENT, maxCapacity: 5, targetValue: 50 },
      after: { ...CURRENT, maxCapacity: 9, targetValue: 50 },
      actor: 'user:default/alice',
      source: 'backstage',
      result: 'failed',
      message: 'maxCapacity 9 exceeds the account quota of 8 instances',
    }),
    change(1, {
      before: CURRENT,
      after: { ...CURRENT, maxCapacity: 5, targetValue: 50 },
      actor: 'user:default/guest',
      source: 'backstage',
    }),
  ];
}

/** Renders the Scaling tab and opens its History view like a user: by its tab. */
async function renderTab(api: FakeSageMakerScalingApi, canUpdate = true) {
  const rendered = await renderWithEntity(
    <EntitySageMakerScalingContent liveOptions={FAST_LIVE_OPTIONS} />,
    {
      api,
      canUpdate,
      // usePermission caches decisions by entity ref for the whole file: a denied
      // caller needs an entity no other test asked about.
      entity: canUpdate
        ? churnPredictionEntity
        : {
            ...churnPredictionEntity,
            metadata: {
              ...churnPredictionEntity.metadata,
              name: 'churn-prediction-history-read-only',
            },
          },
    },
  );
  await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
  return rendered;
}

async function historyList() {
  return screen.findByTestId('sagemaker-history', undefined, {
    timeout: 5000,
  });
}

function entry(id: number) {
  return screen.getByTestId(`sagemaker-history-entry-${id}`);
}

describe('ScalingHistoryCard (in the Scaling tab)', () => {
  it('shows the changes newest first with who, how, the result and only what changed', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = recordedChanges();
    await renderTab(api);
    const list = await historyList();
    expect(list).toHaveAccessibleName('Changes of variant AllTraffic');
    const ids = within(list)
      .getAllByTestId(/^sagemaker-history-entry-/)
      .map(li => li.getAttribute('data-testid'));
    expect(ids).toEqual([4, 3, 2, 1].map(i => `sagemaker-history-entry-${i}`));

    expect(entry(4)).toHaveTextContent('out of band: kubectl-edit');
    expect(entry(4)).toHaveTextContent('out of band');
    expect(entry(4)).toHaveTextContent('6 min ago');
    expect(within(entry(4)).getByRole('list')).toHaveTextContent(
      /^Max capacity: 5 instances → 3 instances$/,
    );
    expect(within(entry(4)).getByText('6 min ago').tagName).toBe('TIME');

    // A user is a link to the catalog; only the changed field is listed, with its unit.
    expect(within(entry(3)).getByRole('link')).toHaveTextContent('alice');
    expect(within(entry(3)).getByText('edit')).toBeInTheDocument();
    expect(within(entry(3)).getByRole('list')).toHaveTextContent(
      /^Target value: 50 invocations per instance per minute → 60 invocations per instance per minute$/,
    );

    expect(within(entry(2)).getByText('failed')).toBeInTheDocument();
    expect(entry(2)).toHaveTextContent(
      'maxCapacity 9 exceeds the account quota of 8 instances',
    );
    expect(
      within(entry(2))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['Max capacity: 5 instances → 9 instances']);

    // Revert where it would change something: not on a failed change, not on one whose
    // before-settings are the current ones.
    await waitFor(() =>
      expect(
        within(entry(4)).getByRole('button', { name: 'Revert change 4' }),
      ).toBeInTheDocument(),
    );
    expect(
      within(entry(3)).getByRole('button', { name: 'Revert change 3' }),
    ).toBeInTheDocument();
    expect(within(entry(2)).queryByRole('button')).not.toBeInTheDocument();
    expect(within(entry(1)).queryByRole('button')).not.toBeInTheDocument();
    expect(api.calls.find(c => c.method === 'getHistory')?.body).toMatchObject({
      variantName: 'AllTraffic',
    });
  });

  it('loads older changes page by page', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = Array.from({ length: 14 }, (_, i) =>
      change(14 - i, {
        before: { ...CURRENT, maxCapacity: 14 - i },
        after: CURRENT,
        actor: 'argocd-controller',
        source: 'out-of-band',
      }),
    );
    await renderTab(api);
    const list = await historyList();
    expect(
      within(list).getAllByTestId(/^sagemaker-history-entry-/),
    ).toHaveLength(10);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(
        within(list).getAllByTestId(/^sagemaker-history-entry-/),
      ).toHaveLength(14),
    );
    expect(entry(1)).toHaveTextContent('out of band: argocd-controller');
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(
      api.calls.filter(c => c.method === 'getHistory').map(c => c.body),
    ).toContainEqual({ variantName: 'AllTraffic', limit: 10, cursor: '5' });
  });

  it('reverts a change after confirming the settings it restores', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = recordedChanges();
    await renderTab(api);
    await historyList();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revert change 4' }),
    );
    const dialog = await screen.findByTestId('sagemaker-revert-dialog');
    expect(dialog).toHaveAccessibleName('Revert change');
    const changedRows = within(dialog)
      .getAllByRole('row')
      .filter(r => r.getAttribute('data-changed') === 'true');
    expect(changedRows.map(r => r.textContent)).toEqual([
      'Max capacity35changed',
    ]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revert' }),
    );

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(api.calls.find(c => c.method === 'revertChange')?.body).toEqual({
      changeId: 4,
      expectedVersion: inServiceSnapshot.variants[0].settingsVersion,
    });
    // The history shows the revert by the user, and the Overview the restored maximum.
    expect(
      await screen.findByTestId('sagemaker-apply-success'),
    ).toHaveTextContent('Change 4 of variant AllTraffic reverted.');
    const revert = await screen.findByTestId('sagemaker-history-entry-5');
    expect(revert).toHaveTextContent('revert');
    expect(within(revert).getByRole('link')).toHaveTextContent('guest');
    expect(within(revert).getByRole('list')).toHaveTextContent(
      'Max capacity: 3 instances → 5 instances',
    );
    // Entry 4's before-settings are the current ones now: nothing left to revert there.
    await waitFor(() =>
      expect(within(entry(4)).queryByRole('button')).not.toBeInTheDocument(),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(
      await screen.findByTestId('sagemaker-variant-row-AllTraffic'),
    ).toHaveTextContent('min 1 · max 5');
  });

  it('says the settings changed since the dialog opened on a 409, and reloads', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = recordedChanges();
    api.revertError = await backendError(
      409,
      'ConflictError',
      'maxCapacity changed from 3 to 4 since this edit was made (by kubectl-edit)',
    );
    await renderTab(api);
    await historyList();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revert change 3' }),
    );
    const dialog = await screen.findByTestId('sagemaker-revert-dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revert' }),
    );
    const conflict = await within(dialog).findByTestId(
      'sagemaker-apply-conflict',
    );
    expect(conflict).toHaveTextContent('Changed since you opened it');
    expect(conflict).toHaveTextContent(
      'maxCapacity changed from 3 to 4 since this edit was made (by kubectl-edit)',
    );
    await userEvent.click(
      within(conflict).getByRole('button', { name: 'Reload' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).queryByTestId('sagemaker-apply-conflict'),
      ).not.toBeInTheDocument(),
    );

    api.revertError = await backendError(
      503,
      'ServiceUnavailableError',
      "Cluster 'sandbox' cannot be read: connection failed (ECONNREFUSED)",
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revert' }),
    );
    const failure = await within(dialog).findByTestId('sagemaker-apply-error');
    expect(failure).toHaveTextContent('The change was not applied');
    expect(failure).toHaveTextContent(
      "Cluster 'sandbox' cannot be read: connection failed (ECONNREFUSED)",
    );
    expect(dialog).toBeInTheDocument();
  });

  it('offers no Revert to users without the update permission', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = recordedChanges();
    await renderTab(api, false);
    await historyList();
    // Let the permission decision arrive, so an allowed button would have appeared.
    await act(() => new Promise(resolve => setTimeout(resolve, 200)));
    expect(entry(4)).toHaveTextContent('out of band: kubectl-edit');
    expect(
      screen.queryByRole('button', { name: /^Revert change/ }),
    ).not.toBeInTheDocument();
  });

  it('shows an out-of-band change without a reload when the live settings change', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.history = recordedChanges();
    await renderTab(api);
    await historyList();
    const [variant] = inServiceSnapshot.variants;
    // The stream announces the new settings before the backend has recorded the change:
    // the history asks again until it has.
    act(() =>
      api.push({
        ...inServiceSnapshot,
        variants: [{ ...variant, maxCapacity: 6, settingsVersion: 'v-max-6' }],
      }),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 100)));
    api.history = [
      change(5, {
        before: CURRENT,
        after: { ...CURRENT, maxCapacity: 6 },
        actor: 'argocd-controller',
        source: 'out-of-band',
      }),
      ...recordedChanges(),
    ];
    const added = await screen.findByTestId(
      'sagemaker-history-entry-5',
      undefined,
      { timeout: 4000 },
    );
    expect(added).toHaveTextContent('out of band: argocd-controller');
    expect(added).toHaveTextContent('Max capacity: 3 instances → 6 instances');
    expect(entry(4)).toBeInTheDocument();
  });

  it('has designed empty and error states', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.historyError = await backendError(
      500,
      'Error',
      'relation "setting_changes" does not exist',
    );
    await renderTab(api);
    const card = await screen.findByTestId('sagemaker-history-card');
    await within(card).findByText(/Could not load the change history/);
    expect(card).toHaveTextContent('relation "setting_changes" does not exist');

    api.historyError = undefined;
    await userEvent.click(within(card).getByRole('button', { name: 'Retry' }));
    await within(card).findByText(
      /No change of variant AllTraffic's scaling settings recorded yet/,
    );
  });
});
