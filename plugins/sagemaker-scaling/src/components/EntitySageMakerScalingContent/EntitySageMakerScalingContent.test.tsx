import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventModule from '@testing-library/user-event';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  backendError,
  FakeSageMakerScalingApi,
} from '../../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import {
  atMaxCapacitySnapshot,
  churnPredictionEntity,
  entityWithoutAnnotation,
  inServiceSnapshot,
  noScalingSnapshot,
  terminalPolicySnapshot,
  unboundSnapshot,
} from '../../__fixtures__/snapshots';
import { EntitySageMakerScalingContent } from './EntitySageMakerScalingContent';

// No artificial delay between keystrokes: the form tests type a lot.
const userEvent = userEventModule.setup({ delay: null });

function renderTab(
  api: FakeSageMakerScalingApi,
  options: {
    canUpdate?: boolean;
    entity?: typeof entityWithoutAnnotation;
  } = {},
) {
  return renderWithEntity(
    <EntitySageMakerScalingContent liveOptions={FAST_LIVE_OPTIONS} />,
    { api, ...options },
  );
}

/** Shows the test app's URL query, and goes back like the browser's back button. */
function UrlProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="url-search">{location.search}</output>
      <button onClick={() => navigate(-1)}>Browser back</button>
    </>
  );
}

function renderTabAt(api: FakeSageMakerScalingApi, path: string) {
  return renderWithEntity(
    <>
      <EntitySageMakerScalingContent liveOptions={FAST_LIVE_OPTIONS} />
      <UrlProbe />
    </>,
    { api, path },
  );
}

const callsOf = (api: FakeSageMakerScalingApi, method: string) =>
  api.calls.filter(c => c.method === method);

async function openEditDialog() {
  const button = await screen.findByTestId('sagemaker-edit-scaling');
  expect(button).toHaveAccessibleName('Edit scaling');
  await userEvent.click(button);
  const dialog = await screen.findByTestId('sagemaker-edit-dialog');
  expect(dialog).toHaveAttribute('role', 'dialog');
  expect(dialog).toHaveAccessibleName('Edit scaling');
  return dialog;
}

async function setField(dialog: HTMLElement, label: string, value: string) {
  // One change event per value rather than typing key by key: same handler, and the
  // form re-validates once instead of per keystroke (slow on shared CI machines).
  const input = within(dialog).getByLabelText(label, { exact: false });
  act(() => {
    fireEvent.change(input, { target: { value } });
  });
}

describe('EntitySageMakerScalingContent', () => {
  it('opens on the Overview view with accessible tabs for Overview, Plan and History', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const tablist = await screen.findByRole('tablist', {
      name: 'Scaling views',
    });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'Overview',
      'Plan',
      'History',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    for (const tab of tabs) {
      expect(
        document.getElementById(tab.getAttribute('aria-controls')!),
      ).toHaveAttribute('role', 'tabpanel');
    }
    const panel = screen.getByRole('tabpanel', { name: 'Overview' });
    expect(within(panel).getByTestId('sagemaker-variants')).toBeInTheDocument();
    expect(within(panel).getByTestId('sagemaker-chart')).toBeInTheDocument();
    expect(
      within(panel).getByTestId('sagemaker-activities'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('sagemaker-plan-view')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-history-card'),
    ).not.toBeInTheDocument();
  });

  it('switches views by tab, keeps the view in the URL and goes back with the browser', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTabAt(api, '/');
    await userEvent.click(await screen.findByRole('tab', { name: 'Plan' }));
    expect(screen.getByTestId('url-search')).toHaveTextContent('?view=plan');
    expect(screen.getByRole('tab', { name: 'Plan' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      within(screen.getByRole('tabpanel', { name: 'Plan' })).getByTestId(
        'sagemaker-plan-view',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('sagemaker-variants')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(screen.getByTestId('url-search')).toHaveTextContent('?view=history');
    expect(
      await screen.findByTestId('sagemaker-history-card'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Browser back' }));
    expect(screen.getByTestId('url-search')).toHaveTextContent('?view=plan');
    expect(
      await screen.findByTestId('sagemaker-plan-view'),
    ).toBeInTheDocument();

    // Overview is the default: its URL has no view parameter.
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(screen.getByTestId('url-search')).toBeEmptyDOMElement();
    expect(await screen.findByTestId('sagemaker-variants')).toBeInTheDocument();
    // One live snapshot stream serves every view.
    expect(callsOf(api, 'followSnapshots')).toHaveLength(1);
  });

  it('opens History directly from ?view=history', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTabAt(api, '/?view=history');
    expect(await screen.findByRole('tab', { name: 'History' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      within(screen.getByRole('tabpanel', { name: 'History' })).getByTestId(
        'sagemaker-history-card',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(callsOf(api, 'getHistory')).toHaveLength(1));
    expect(screen.queryByTestId('sagemaker-variants')).not.toBeInTheDocument();
  });

  it('falls back to Overview for an unknown view', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTabAt(api, '/?view=nonsense');
    expect(
      await screen.findByRole('tab', { name: 'Overview' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('sagemaker-variants')).toBeInTheDocument();
  });

  it('fetches neither the history nor replays while their views are hidden', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTabAt(api, '/');
    await screen.findByTestId('sagemaker-variants');
    // A settings change arrives live: the hidden History would refresh on it.
    act(() =>
      api.push({
        ...inServiceSnapshot,
        variants: [
          {
            ...inServiceSnapshot.variants[0],
            settingsVersion: 'changed-out-of-band',
          },
        ],
      }),
    );
    await new Promise(resolve => setTimeout(resolve, 900));
    expect(callsOf(api, 'getHistory')).toHaveLength(0);
    expect(callsOf(api, 'planScaling')).toHaveLength(0);

    // A replay under way in Plan stops when the user leaves the view.
    await userEvent.click(screen.getByRole('tab', { name: 'Plan' }));
    const view = await screen.findByTestId('sagemaker-plan-view');
    act(() => {
      fireEvent.change(
        within(view).getByLabelText('Target value', { exact: false }),
        { target: { value: '75' } },
      );
    });
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await new Promise(resolve => setTimeout(resolve, 900));
    expect(callsOf(api, 'planScaling')).toHaveLength(0);
    expect(callsOf(api, 'getHistory')).toHaveLength(0);
  });

  it('shows each variant with model, instance type, counts, weight and scaling settings', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const variants = await screen.findByTestId('sagemaker-variants');
    const row = within(variants).getByTestId(
      'sagemaker-variant-row-AllTraffic',
    );
    expect(row).toHaveTextContent('churn-prediction-model');
    expect(row).toHaveTextContent('ml.m5.large');
    expect(row).toHaveTextContent('2 / 2 instances');
    expect(row).toHaveTextContent('1 / 1');
    expect(row).toHaveTextContent('min 1 · max 3');
    expect(row).toHaveTextContent('60 invocations per instance per minute');
    expect(row).toHaveTextContent('700 s / 300 s (5 min)');
  });

  it('loads the chart lazily and labels it for screen readers', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const chart = await screen.findByTestId('sagemaker-chart');
    expect(
      within(chart).getByLabelText(
        /^Capacity chart\. Desired instances went from 1 to 2 \(peak 2\), within min 1 and max 3\.$/,
      ),
    ).toBeInTheDocument();
    expect(
      within(chart).getByLabelText(
        /^Load chart\. Load per instance peaked at 88 and is now 45 against a target of 60\.$/,
      ),
    ).toBeInTheDocument();
    expect(chart).toHaveTextContent('Instances of variant AllTraffic');
    expect(chart).toHaveTextContent(
      'Load per instance against the target (invocations per instance per minute)',
    );
  });

  it('draws the chart from activities and live updates when the backend has no history', async () => {
    const api = new FakeSageMakerScalingApi({
      ...inServiceSnapshot,
      history: [],
    });
    await renderTab(api);
    const chart = await screen.findByTestId('sagemaker-chart');
    // Activities set 1 then 2 instances; the snapshot says 2 now.
    expect(
      within(chart).getByLabelText(
        /^Capacity chart\. Desired instances went from 1 to 2 \(peak 2\), within min 1 and max 3\.$/,
      ),
    ).toBeInTheDocument();
    expect(chart).toHaveTextContent(
      'Source: activities and live updates since this page opened.',
    );

    act(() => api.push({ ...atMaxCapacitySnapshot, history: [] }));
    await waitFor(() =>
      expect(
        within(chart).getByLabelText(
          /^Capacity chart\. Desired instances went from 1 to 3 \(peak 3\)/,
        ),
      ).toBeInTheDocument(),
    );
    expect(
      within(chart).getByLabelText(
        /^Load chart\. Load per instance peaked at 140 and is now 140 against a target of 60\.$/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a decision not to scale as such, with its reason, not as a failure', async () => {
    const notScaled = {
      ...inServiceSnapshot.activities[0],
      activityId: 'a-3',
      description: 'Attempting to scale due to alarm triggered',
      statusCode: 'Failed' as const,
      notScaledReasons: [
        { code: 'AlreadyAtMaxCapacity', currentCapacity: 3, maxCapacity: 3 },
      ],
    };
    const api = new FakeSageMakerScalingApi({
      ...inServiceSnapshot,
      activities: [notScaled, ...inServiceSnapshot.activities],
    });
    await renderTab(api);

    const activities = await screen.findByTestId('sagemaker-activities');
    const [first] = within(activities).getAllByRole('listitem');
    expect(first).toHaveTextContent(
      'Not scaled · Attempting to scale due to alarm triggered',
    );
    expect(first).toHaveTextContent(
      'Not scaled (AlreadyAtMaxCapacity): already at its maximum capacity (3 of max 3)',
    );
    expect(first).not.toHaveTextContent('Failed');
    // The overview's last change is the last activity that changed the capacity.
    expect(screen.getByTestId('sagemaker-last-activity')).toHaveTextContent(
      'Last scaling: Setting desired instance count to 2. (Successful,',
    );
  });

  it('lists activities, the conditions of all five resources and their YAML', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);

    const activities = await screen.findByTestId('sagemaker-activities');
    expect(within(activities).getAllByRole('listitem')).toHaveLength(2);
    expect(activities).toHaveTextContent(
      'Cause: monitor alarm TargetTracking-AlarmHigh in state ALARM triggered policy churn-prediction-scaling-policy',
    );

    const conditions = screen.getByTestId('sagemaker-conditions');
    for (const name of [
      'Model churn-prediction-model',
      'EndpointConfig churn-prediction-config',
      'Endpoint churn-prediction',
      'ScalableTarget churn-prediction-scalable-target',
      'ScalingPolicy churn-prediction-scaling-policy',
    ]) {
      expect(within(conditions).getByText(name)).toBeInTheDocument();
    }
    expect(
      within(conditions).getAllByText('ResourceSynced: True'),
    ).toHaveLength(5);

    const yaml = screen.getByTestId('sagemaker-resource-yaml');
    expect(
      within(yaml).getByLabelText('Copy all resources as YAML'),
    ).toBeInTheDocument();
    expect(
      within(yaml).getByLabelText(
        'Copy ScalingPolicy churn-prediction-scaling-policy as YAML',
      ),
    ).toBeInTheDocument();
    expect(yaml).toHaveTextContent(
      'predefinedMetricType: SageMakerVariantInvocationsPerInstance',
    );
  });

  it('shows a Terminal condition chip with the controller message', async () => {
    const api = new FakeSageMakerScalingApi(terminalPolicySnapshot);
    await renderTab(api);
    const conditions = await screen.findByTestId('sagemaker-conditions');
    expect(within(conditions).getByText('Terminal: True')).toBeInTheDocument();
    expect(conditions).toHaveTextContent(
      'ValidationException: Unsupported service namespace, resource type or scalable dimension',
    );
  });

  it('loads older activities on demand', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.olderActivities = {
      items: [
        inServiceSnapshot.activities[1],
        {
          ...inServiceSnapshot.activities[1],
          activityId: 'a-0',
          description: 'Setting desired instance count to 3.',
        },
      ],
    };
    await renderTab(api);
    await userEvent.click(await screen.findByText('Load older activities'));
    const activities = screen.getByTestId('sagemaker-activities');
    await waitFor(() =>
      expect(within(activities).getAllByRole('listitem')).toHaveLength(3),
    );
    expect(activities).toHaveTextContent(
      'Setting desired instance count to 3.',
    );
    expect(screen.queryByText('Load older activities')).not.toBeInTheDocument();
  });

  it('hides the edit button without the update permission', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    // usePermission caches decisions per resource for the whole test file: use an entity
    // no other test asked about, so the DENY is really evaluated.
    const readOnlyEntity = {
      ...churnPredictionEntity,
      metadata: {
        ...churnPredictionEntity.metadata,
        name: 'churn-prediction-read-only',
      },
    };
    await renderTab(api, { canUpdate: false, entity: readOnlyEntity });
    expect(
      await screen.findByTestId('sagemaker-instance-counts'),
    ).toHaveTextContent('2 / 2 instances');
    expect(
      screen.queryByTestId('sagemaker-edit-scaling'),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Edit scaling')).not.toBeInTheDocument();
  });

  it('validates inline, reviews a before/after diff and applies the change', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const dialog = await openEditDialog();

    expect(
      within(dialog).getByLabelText('Min capacity', { exact: false }),
    ).toHaveValue('1');
    expect(
      within(dialog).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('3');
    expect(
      within(dialog).getByLabelText('Target value', { exact: false }),
    ).toHaveValue('60');
    expect(
      within(dialog).getByLabelText('Scale-in cooldown (s)', { exact: false }),
    ).toHaveValue('700');
    expect(
      within(dialog).getByLabelText('Scale-out cooldown (s)', { exact: false }),
    ).toHaveValue('300');
    expect(within(dialog).getByLabelText('Disable scale-in')).not.toBeChecked();
    expect(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    ).toBeDisabled();

    // Inline validation with the template's rules.
    await setField(dialog, 'Max capacity', '0');
    expect(dialog).toHaveTextContent('maxCapacity must be between 1 and');
    await setField(dialog, 'Max capacity', 'lots');
    expect(dialog).toHaveTextContent('maxCapacity must be a whole number');
    await setField(dialog, 'Target value', '');
    expect(dialog).toHaveTextContent('targetValue is required');
    await setField(dialog, 'Target value', '75');
    await setField(dialog, 'Max capacity', '5');
    await setField(dialog, 'Min capacity', '6');
    expect(dialog).toHaveTextContent(
      'maxCapacity must be greater than or equal to minCapacity',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    expect(
      within(dialog).queryByTestId('sagemaker-settings-diff'),
    ).not.toBeInTheDocument();
    await setField(dialog, 'Min capacity', '1');
    await userEvent.click(within(dialog).getByLabelText('Disable scale-in'));

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    const diff = within(dialog).getByTestId('sagemaker-settings-diff');
    const rowText = (label: string) =>
      within(diff).getByRole('row', { name: new RegExp(`^${label}`) })
        .textContent;
    expect(rowText('Max capacity')).toBe('Max capacity35changed');
    expect(rowText('Target value')).toBe('Target value6075changed');
    expect(rowText('Disable scale-in')).toBe('Disable scale-innoyeschanged');
    expect(rowText('Min capacity')).toBe('Min capacity11unchanged');
    expect(api.calls.some(c => c.method === 'updateScaling')).toBe(false);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );
    expect(
      await screen.findByTestId('sagemaker-apply-success'),
    ).toHaveTextContent('Scaling settings of variant AllTraffic applied.');
    await waitFor(() =>
      expect(
        screen.queryByTestId('sagemaker-edit-dialog'),
      ).not.toBeInTheDocument(),
    );
    expect(api.calls.find(c => c.method === 'updateScaling')?.body).toEqual({
      variantName: 'AllTraffic',
      minCapacity: 1,
      maxCapacity: 5,
      targetValue: 75,
      scaleInCooldown: 700,
      scaleOutCooldown: 300,
      disableScaleIn: true,
      // The version of the settings the form started from.
      expectedVersion: inServiceSnapshot.variants[0].settingsVersion,
    });
    // The backend's answer is shown at once.
    expect(screen.getAllByText('min 1 · max 5').length).toBeGreaterThan(0);
  });

  it('keeps the dialog open with the reason when applying fails', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.updateError = await backendError(
      403,
      'NotAllowedError',
      'You may not update scaling of component:default/churn-prediction',
    );
    await renderTab(api);
    const dialog = await openEditDialog();
    await setField(dialog, 'Max capacity', '4');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );

    const error = await within(dialog).findByTestId('sagemaker-apply-error');
    expect(error).toHaveTextContent('Not allowed to change scaling');
    expect(error).toHaveTextContent(
      'You may not update scaling of component:default/churn-prediction',
    );
    expect(screen.getByTestId('sagemaker-edit-dialog')).toBe(dialog);

    // Back to the form keeps what was typed.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(
      within(dialog).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('4');
  });

  it('shows the conflict when the settings changed since the dialog opened, and reloads them', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const dialog = await openEditDialog();
    await setField(dialog, 'Max capacity', '4');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );

    // Someone else raised the max meanwhile; the live view already shows it.
    const changed = {
      ...inServiceSnapshot,
      variants: [
        {
          ...inServiceSnapshot.variants[0],
          maxCapacity: 6,
          settingsVersion: 'v-after-someone-else',
        },
      ],
    };
    act(() => api.push(changed));
    api.updateError = await backendError(
      409,
      'ConflictError',
      'The scaling of variant AllTraffic changed since you opened it: maxCapacity changed from 3 to 6 (by kubectl-edit)',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );

    const conflict = await within(dialog).findByTestId(
      'sagemaker-apply-conflict',
    );
    expect(conflict).toHaveTextContent('Changed since you opened it');
    expect(conflict).toHaveTextContent(
      'changed since you opened it: maxCapacity changed from 3 to 6 (by kubectl-edit)',
    );
    // It was sent with the version the form started from, not the newer one.
    expect(
      (api.calls.find(c => c.method === 'updateScaling')?.body as any)
        .expectedVersion,
    ).toBe(inServiceSnapshot.variants[0].settingsVersion);

    // Reload: the form starts over from the current settings and their version.
    await userEvent.click(
      within(conflict).getByRole('button', { name: 'Reload' }),
    );
    expect(
      within(dialog).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('6');
    api.updateError = undefined;
    await setField(dialog, 'Max capacity', '8');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );
    expect(
      await screen.findByTestId('sagemaker-apply-success'),
    ).toBeInTheDocument();
    const updates = api.calls.filter(c => c.method === 'updateScaling');
    expect((updates[updates.length - 1].body as any).expectedVersion).toBe(
      'v-after-someone-else',
    );
  });

  it('offers Adopt instead of Edit for an endpoint no entity owns, and adopts it after confirmation', async () => {
    const api = new FakeSageMakerScalingApi(unboundSnapshot);
    await renderTab(api);
    const adopt = await screen.findByTestId('sagemaker-adopt-endpoint');
    expect(adopt).toHaveAccessibleName('Adopt');
    expect(
      screen.queryByTestId('sagemaker-edit-scaling'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        /an owner of component:default\/churn-prediction must adopt it/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(adopt);
    const dialog = await screen.findByTestId('sagemaker-adopt-dialog');
    expect(dialog).toHaveAccessibleName('Adopt endpoint churn-prediction');
    expect(dialog).toHaveTextContent(
      'sagemaker-scaling.backstage.io/entity-ref: component:default/churn-prediction',
    );
    expect(dialog).toHaveTextContent(
      'to its 5 resources in namespace ml-serving of cluster sandbox',
    );
    expect(dialog).toHaveTextContent('recorded in the audit log');
    expect(api.calls.some(c => c.method === 'adoptEndpoint')).toBe(false);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Adopt' }),
    );
    expect(
      await screen.findByTestId('sagemaker-apply-success'),
    ).toHaveTextContent('Endpoint churn-prediction adopted');
    expect(api.calls.filter(c => c.method === 'adoptEndpoint')).toHaveLength(1);
    // Bound now: Edit replaces Adopt.
    expect(
      await screen.findByTestId('sagemaker-edit-scaling'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-adopt-endpoint'),
    ).not.toBeInTheDocument();
  });

  it('keeps the adopt dialog open with the reason when adopting fails, and forgets it once closed', async () => {
    const api = new FakeSageMakerScalingApi(unboundSnapshot);
    api.adoptError = await backendError(
      409,
      'ConflictError',
      'Endpoint churn-prediction was adopted by component:default/other meanwhile',
    );
    await renderTab(api);
    await userEvent.click(
      await screen.findByTestId('sagemaker-adopt-endpoint'),
    );
    let dialog = await screen.findByTestId('sagemaker-adopt-dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Adopt' }),
    );

    const error = await within(dialog).findByTestId('sagemaker-adopt-error');
    expect(error).toHaveTextContent('The endpoint was not adopted');
    expect(error).toHaveTextContent(
      'Endpoint churn-prediction was adopted by component:default/other meanwhile',
    );
    // Not stuck submitting: both buttons work again.
    expect(within(dialog).getByRole('button', { name: 'Adopt' })).toBeEnabled();
    expect(
      screen.queryByTestId('sagemaker-apply-success'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByTestId('sagemaker-adopt-dialog'),
      ).not.toBeInTheDocument(),
    );
    await userEvent.click(screen.getByTestId('sagemaker-adopt-endpoint'));
    dialog = await screen.findByTestId('sagemaker-adopt-dialog');
    expect(
      within(dialog).queryByTestId('sagemaker-adopt-error'),
    ).not.toBeInTheDocument();
  });

  it('offers no Adopt without the update permission', async () => {
    const api = new FakeSageMakerScalingApi(unboundSnapshot);
    // An entity of its own: usePermission caches decisions per resource.
    const readOnlyEntity = {
      ...churnPredictionEntity,
      metadata: {
        ...churnPredictionEntity.metadata,
        name: 'churn-prediction-unbound-read-only',
      },
    };
    await renderTab(api, { canUpdate: false, entity: readOnlyEntity });
    expect(
      await screen.findByTestId('sagemaker-instance-counts'),
    ).toHaveTextContent('2 / 2 instances');
    expect(
      screen.queryByTestId('sagemaker-adopt-endpoint'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-edit-scaling'),
    ).not.toBeInTheDocument();
  });

  it('offers neither Edit nor Adopt for an endpoint bound to several entities', async () => {
    const api = new FakeSageMakerScalingApi({
      ...inServiceSnapshot,
      binding: {
        state: 'conflicting',
        boundTo: [
          'component:default/churn-prediction',
          'component:default/fraud-detection',
        ],
        reason: 'bound to different entities',
      },
    });
    await renderTab(api);
    expect(
      await screen.findByTestId('sagemaker-instance-counts'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-edit-scaling'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-adopt-endpoint'),
    ).not.toBeInTheDocument();
  });

  it('keeps an open dialog and its input while live updates arrive', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api);
    const dialog = await openEditDialog();
    await setField(dialog, 'Max capacity', '7');

    act(() => api.push(atMaxCapacitySnapshot));
    await waitFor(() =>
      expect(screen.getAllByText('3 / 3 instances').length).toBeGreaterThan(0),
    );

    expect(screen.getByTestId('sagemaker-edit-dialog')).toBe(dialog);
    expect(
      within(dialog).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('7');
  });

  it('offers no editing when no ScalableTarget exists, and still charts the present', async () => {
    const api = new FakeSageMakerScalingApi(noScalingSnapshot);
    await renderTab(api);
    expect(await screen.findByText('not autoscaled')).toBeInTheDocument();
    // Only the present is known: a single point.
    const chart = await screen.findByTestId('sagemaker-chart');
    expect(
      within(chart).getByLabelText(
        /^Capacity chart\. Desired instances went from 1 to 1/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sagemaker-edit-scaling'),
    ).not.toBeInTheDocument();
  });

  it('starts the form from defaults when a ScalableTarget has no policy yet', async () => {
    const api = new FakeSageMakerScalingApi({
      ...inServiceSnapshot,
      variants: [
        {
          ...inServiceSnapshot.variants[0],
          scalingPolicyNames: [],
          scalingPolicyName: undefined,
          metricType: undefined,
          targetValue: undefined,
          scaleInCooldown: undefined,
          scaleOutCooldown: undefined,
          disableScaleIn: undefined,
        },
      ],
      scalingPolicies: [],
    });
    await renderTab(api);
    const dialog = await openEditDialog();
    expect(
      within(dialog).getByLabelText('Min capacity', { exact: false }),
    ).toHaveValue('1');
    expect(
      within(dialog).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('3');
    expect(
      within(dialog).getByLabelText('Target value', { exact: false }),
    ).toHaveValue('');
    expect(
      within(dialog).getByLabelText('Scale-in cooldown (s)', { exact: false }),
    ).toHaveValue('300');
  });

  it('explains the missing annotation on the tab too', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderTab(api, { entity: entityWithoutAnnotation });
    expect(
      screen.getByTestId('sagemaker-missing-annotation'),
    ).toBeInTheDocument();
  });
});
