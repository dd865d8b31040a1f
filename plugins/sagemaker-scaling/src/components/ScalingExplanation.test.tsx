import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ScalingExplanation,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { FakeSageMakerScalingApi } from '../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../__testUtils__/renderWithEntity';
import { inServiceSnapshot } from '../__fixtures__/snapshots';
import { EntitySageMakerScalingCard } from './EntitySageMakerScalingCard';

const ALARM =
  'TargetTracking-endpoint/churn-prediction/variant/AllTraffic-AlarmHigh-1';

const atMax: ScalingExplanation = {
  state: 'at-max',
  summary:
    'At its maximum of 4 instances; load is 2.1× the target — raise the maximum or the target',
  since: '2026-11-28T14:02:00.000Z',
  evidence: [
    {
      kind: 'not-scaled-reason',
      code: 'AlreadyAtMaxCapacity',
      text: 'Not scaled (AlreadyAtMaxCapacity): capacity 4, range 1–4',
      time: '2026-11-28T14:10:00.000Z',
    },
    {
      kind: 'alarm',
      alarmName: ALARM,
      alarmState: 'ALARM',
      threshold: 60,
      text: `${ALARM} is ALARM: the last 3 of 3 datapoints above 60`,
    },
  ],
};

const steady: ScalingExplanation = {
  state: 'steady',
  summary:
    'Steady at 2 instances: load is 95 % of the target, inside the band where target tracking does not act',
  evidence: [],
};

function explained(explanation: ScalingExplanation): ScalingSnapshot {
  return {
    ...inServiceSnapshot,
    variants: [{ ...inServiceSnapshot.variants[0], explanation }],
  };
}

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

describe('ScalingExplanation on the card', () => {
  it('shows why the variant stopped scaling, with the evidence on demand, and follows the stream', async () => {
    const api = new FakeSageMakerScalingApi(explained(atMax));
    await renderWithEntity(
      <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
      { api },
    );
    const explanation = await screen.findByTestId('sagemaker-explanation');
    expect(explanation).toHaveTextContent(
      `At its maximum of 4 instances; load is 2.1× the target — raise the maximum or the target (since ${clock(
        atMax.since!,
      )}).`,
    );
    expect(
      screen.queryByTestId('sagemaker-explanation-evidence'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(explanation).getByRole('button', { name: 'Why?' }),
    );
    const evidence = screen.getByTestId('sagemaker-explanation-evidence');
    expect(evidence).toHaveTextContent(
      `Not scaled (AlreadyAtMaxCapacity): capacity 4, range 1–4 — ${clock(
        '2026-11-28T14:10:00.000Z',
      )}`,
    );
    expect(evidence).toHaveTextContent(`${ALARM} is ALARM`);

    act(() => api.push(explained(steady)));
    await waitFor(() =>
      expect(screen.getByTestId('sagemaker-explanation')).toHaveTextContent(
        'Steady at 2 instances',
      ),
    );
    // No evidence, nothing to expand.
    expect(
      within(screen.getByTestId('sagemaker-explanation')).queryByRole('button'),
    ).not.toBeInTheDocument();
  });

  it('shows nothing for a variant without an explanation', async () => {
    await renderWithEntity(
      <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
      { api: new FakeSageMakerScalingApi(inServiceSnapshot) },
    );
    await screen.findByTestId('sagemaker-data');
    expect(
      screen.queryByTestId('sagemaker-explanation'),
    ).not.toBeInTheDocument();
  });
});
