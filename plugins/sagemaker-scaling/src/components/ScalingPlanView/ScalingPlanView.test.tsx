import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventModule from '@testing-library/user-event';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_PROVISIONING_DELAY_MINUTES,
  resolveInstancePrice,
  suggestScalingSettings,
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
import {
  constantLoadPlan,
  FIXTURE_CURRENT_SETTINGS,
} from '../../__fixtures__/plans';
import type { ScalingPlanResponse } from '../../api/planTypes';
import { EntitySageMakerScalingContent } from '../EntitySageMakerScalingContent';
import { ScalingPlanView } from './ScalingPlanView';

const userEvent = userEventModule.setup({ delay: null });
// The replay waits for typing to pause; give it time beyond the debounce.
const PLAN_WAIT = { timeout: 4000 };

const planCalls = (api: FakeSageMakerScalingApi) =>
  api.calls.filter(c => c.method === 'planScaling');

async function renderPlanView(api: FakeSageMakerScalingApi, canUpdate = false) {
  const onApplied = jest.fn();
  await renderWithEntity(
    <ScalingPlanView
      entity={churnPredictionEntity}
      entityRef={getCompoundEntityRef(churnPredictionEntity)}
      snapshot={inServiceSnapshot}
      onApplied={onApplied}
    />,
    { api, canUpdate },
  );
  return screen.getByTestId('sagemaker-plan-view');
}

function type(view: HTMLElement, label: string, value: string) {
  const input = within(view).getByLabelText(label, { exact: false });
  act(() => {
    fireEvent.change(input, { target: { value } });
  });
}

/** A plan answer whose suggestion the planner of -common computed over the same traffic. */
function planWithSuggestion(maxMinutesAboveLimit: number): ScalingPlanResponse {
  const plan = constantLoadPlan(FIXTURE_CURRENT_SETTINGS);
  const series = Array.from({ length: 120 }, (_, i) => ({
    timestamp: Date.parse('2026-12-01T00:00:00Z') + i * 60_000,
    value: 150,
  }));
  return {
    ...plan,
    suggestion: suggestScalingSettings({
      current: { ...FIXTURE_CURRENT_SETTINGS, maxCapacity: 6 },
      series,
      initialInstances: 3,
      provisioningDelayMinutes: DEFAULT_PROVISIONING_DELAY_MINUTES,
      price: resolveInstancePrice('ml.m5.large'),
      maxMinutesAboveLimit,
    }),
  };
}

describe('ScalingPlanView', () => {
  beforeAll(() => import('../ScalingPlan/PlanChart'), 120_000);

  it('lets a reader replay changed settings over a chosen window without changing anything', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planResult = constantLoadPlan({
      ...FIXTURE_CURRENT_SETTINGS,
      targetValue: 75,
    });
    const view = await renderPlanView(api);

    // Prefilled with the variant's settings; nothing replayed until one changes.
    expect(
      within(view).getByLabelText('Target value', { exact: false }),
    ).toHaveValue('60');
    expect(
      within(view).getByLabelText('Max capacity', { exact: false }),
    ).toHaveValue('3');
    expect(
      within(view).getByText(
        'Change a setting to see it replayed beside the current ones.',
      ),
    ).toBeInTheDocument();

    type(view, 'Target value', '75');
    await waitFor(() => expect(planCalls(api)).toHaveLength(1), PLAN_WAIT);
    expect(planCalls(api)[0].body).toEqual({
      variantName: 'AllTraffic',
      settings: { ...FIXTURE_CURRENT_SETTINGS, targetValue: 75 },
      hours: 168,
    });
    const monthly = await within(view).findByTestId(
      'sagemaker-plan-monthly-difference',
    );
    expect(monthly).toHaveTextContent(/per month \((more|less) than now\)/);
    expect(monthly).toHaveTextContent('estimate from list prices');
    expect(
      within(view).getByTestId('sagemaker-plan-summary'),
    ).toBeInTheDocument();

    // Another window replays again, over 24 hours.
    await userEvent.click(within(view).getByLabelText('Replay window'));
    await userEvent.click(
      screen.getByRole('option', { name: 'Last 24 hours' }),
    );
    await waitFor(() => expect(planCalls(api)).toHaveLength(2), PLAN_WAIT);
    expect(planCalls(api)[1].body).toMatchObject({ hours: 24 });
    expect(api.calls.some(c => c.method === 'updateScaling')).toBe(false);
  });

  it('names what is wrong with invalid settings and asks nothing', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planResult = constantLoadPlan(FIXTURE_CURRENT_SETTINGS);
    const view = await renderPlanView(api);
    type(view, 'Min capacity', '5');
    expect(
      await within(view).findByText(
        'maxCapacity must be greater than or equal to minCapacity, got minCapacity 5 and maxCapacity 3',
      ),
    ).toBeInTheDocument();
    expect(
      within(view).getByText('Fix the settings above to replay them.'),
    ).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 900));
    expect(planCalls(api)).toHaveLength(0);
  });

  it('suggests the cheapest setting within the threshold and puts it into the plan form', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    const answer = planWithSuggestion(10);
    api.planResult = answer;
    const pick = answer.suggestion!.pick!;
    expect(pick).toBeDefined();
    const view = await renderPlanView(api);

    type(view, 'Max minutes above target', '10');
    expect(
      within(view).getByText(/0\.1 % of the replayed window/),
    ).toBeInTheDocument();
    await userEvent.click(
      within(view).getByRole('button', { name: 'Suggest' }),
    );
    await waitFor(() => expect(planCalls(api)).toHaveLength(1), PLAN_WAIT);
    expect(planCalls(api)[0].body).toEqual({
      variantName: 'AllTraffic',
      settings: FIXTURE_CURRENT_SETTINGS,
      hours: 168,
      suggest: { maxMinutesAboveTarget: 10 },
    });

    const suggestion = await within(view).findByTestId('sagemaker-suggestion');
    expect(suggestion).toHaveTextContent(answer.suggestion!.reason);
    expect(suggestion).toHaveTextContent(
      `Target ${pick.settings.targetValue}, min 1, max ${pick.settings.maxCapacity}`,
    );
    expect(suggestion).toHaveTextContent(
      /≈ \$[\d,.]+\/month \(estimate from list prices\)/,
    );
    // A reader may use it in the plan, not edit with it.
    expect(
      within(suggestion).queryByRole('button', {
        name: 'Edit with these settings',
      }),
    ).toBeNull();
    await userEvent.click(
      within(suggestion).getByRole('button', { name: 'Use in plan' }),
    );
    expect(
      within(view).getByLabelText('Target value', { exact: false }),
    ).toHaveValue(String(pick.settings.targetValue));
  });

  it('lets an owner open the edit dialog with the suggested settings', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    const answer = planWithSuggestion(10);
    api.planResult = answer;
    const pick = answer.suggestion!.pick!;
    const view = await renderPlanView(api, true);
    await userEvent.click(
      within(view).getByRole('button', { name: 'Suggest' }),
    );
    const suggestion = await within(view).findByTestId(
      'sagemaker-suggestion',
      undefined,
      PLAN_WAIT,
    );
    await userEvent.click(
      await within(suggestion).findByRole('button', {
        name: 'Edit with these settings',
      }),
    );
    const dialog = await screen.findByTestId('sagemaker-edit-dialog');
    expect(
      within(dialog).getByLabelText('Target value', { exact: false }),
    ).toHaveValue(String(pick.settings.targetValue));
  });

  it('offers Replay again on a failed replay and replays the same settings', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planError = await backendError(
      400,
      'InputError',
      'invocations: CloudWatch has no Invocations of churn-prediction/AllTraffic in the last 168 hours; send an invocations series to replay',
    );
    const view = await renderPlanView(api);
    type(view, 'Target value', '75');
    const error = await within(view).findByTestId(
      'sagemaker-plan-error',
      undefined,
      PLAN_WAIT,
    );
    expect(error).toHaveTextContent('CloudWatch has no Invocations');

    api.planError = undefined;
    api.planResult = constantLoadPlan({
      ...FIXTURE_CURRENT_SETTINGS,
      targetValue: 75,
    });
    await userEvent.click(
      within(error).getByRole('button', { name: 'Replay again' }),
    );
    expect(
      await within(view).findByTestId(
        'sagemaker-plan-monthly-difference',
        undefined,
        PLAN_WAIT,
      ),
    ).toBeInTheDocument();
    expect(planCalls(api)).toHaveLength(2);
    expect(planCalls(api)[1].body).toEqual(planCalls(api)[0].body);
    expect(
      within(view).queryByTestId('sagemaker-plan-error'),
    ).not.toBeInTheDocument();
  });

  it('offers Suggest again when the suggestion fails', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planError = await backendError(503, 'ServiceUnavailable', 'throttled');
    const view = await renderPlanView(api);
    await userEvent.click(
      within(view).getByRole('button', { name: 'Suggest' }),
    );
    const error = await within(view).findByTestId(
      'sagemaker-suggest-error',
      undefined,
      PLAN_WAIT,
    );
    api.planError = undefined;
    api.planResult = planWithSuggestion(10);
    await userEvent.click(
      within(error).getByRole('button', { name: 'Suggest again' }),
    );
    expect(
      await within(view).findByTestId(
        'sagemaker-suggestion',
        undefined,
        PLAN_WAIT,
      ),
    ).toBeInTheDocument();
    expect(planCalls(api)).toHaveLength(2);
  });

  it('replays again on its own once the live snapshot shows load for the first time', async () => {
    // A fresh endpoint: no load yet, and CloudWatch has no Invocations to replay.
    const fresh = {
      ...inServiceSnapshot,
      variants: [
        { ...inServiceSnapshot.variants[0], latestLoadPerInstance: undefined },
      ],
    };
    const api = new FakeSageMakerScalingApi(fresh);
    api.planError = await backendError(
      400,
      'InputError',
      'invocations: CloudWatch has no Invocations of churn-prediction/AllTraffic in the last 168 hours; send an invocations series to replay',
    );
    await renderWithEntity(
      <EntitySageMakerScalingContent liveOptions={FAST_LIVE_OPTIONS} />,
      { api, path: '/?view=plan' },
    );
    const view = await screen.findByTestId('sagemaker-plan-view');
    type(view, 'Target value', '75');
    await within(view).findByTestId(
      'sagemaker-plan-error',
      undefined,
      PLAN_WAIT,
    );
    expect(planCalls(api)).toHaveLength(1);

    // Live updates without load ask nothing; the first one with load replays again.
    act(() => api.push({ ...fresh }));
    await new Promise(resolve => setTimeout(resolve, 900));
    expect(planCalls(api)).toHaveLength(1);
    api.planError = undefined;
    api.planResult = constantLoadPlan({
      ...FIXTURE_CURRENT_SETTINGS,
      targetValue: 75,
    });
    act(() => api.push(inServiceSnapshot));
    expect(
      await within(view).findByTestId(
        'sagemaker-plan-monthly-difference',
        undefined,
        PLAN_WAIT,
      ),
    ).toBeInTheDocument();
    expect(planCalls(api)).toHaveLength(2);
  });
});
