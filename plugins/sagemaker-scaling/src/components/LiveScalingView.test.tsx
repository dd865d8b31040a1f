import { act, screen, waitFor, within } from '@testing-library/react';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { FakeSageMakerScalingApi } from '../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../__testUtils__/renderWithEntity';
import {
  endpointMissingSnapshot,
  inServiceSnapshot,
  observedAgo,
} from '../__fixtures__/snapshots';
import { EntitySageMakerScalingCard } from './EntitySageMakerScalingCard';

/** What the backend serves from its cache during an outage (its reason wording). */
function servedDuringOutage(
  snapshot: ScalingSnapshot,
  staleReason: string,
  msAgo: number,
): ScalingSnapshot {
  return { ...observedAgo(snapshot, msAgo), stale: true, staleReason };
}

const UNREADABLE =
  "cluster 'sandbox' cannot be read (connect ECONNREFUSED 127.0.0.1:6443); showing the last state read from it";
const RECONNECTING =
  "the watch of endpoints in cluster 'sandbox' is reconnecting (no watch event or bookmark for 95 s)";

function renderCard(api: FakeSageMakerScalingApi) {
  return renderWithEntity(
    <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
    { api },
  );
}

describe('LiveScalingView with data the backend serves stale', () => {
  it('shows the cached state during an outage, greyed under the warning, with when it was observed', async () => {
    const api = new FakeSageMakerScalingApi(
      servedDuringOutage(inServiceSnapshot, UNREADABLE, 3 * 60_000),
    );
    await renderCard(api);
    const banner = await screen.findByTestId('sagemaker-stale-banner');
    expect(banner).toHaveTextContent('Cluster unreachable');
    expect(banner).toHaveTextContent(
      "Cluster 'sandbox' cannot be read (connect ECONNREFUSED 127.0.0.1:6443); showing the last state read from it. Showing the last known state, observed 3 min ago.",
    );
    const data = screen.getByTestId('sagemaker-stale-data');
    expect(data).toHaveAttribute('aria-disabled', 'true');
    expect(within(data).getByText('2 / 2 instances')).toBeInTheDocument();
  });

  it('says the data may be out of date while a watch reconnects, and drops the warning when current again', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api);
    expect(await screen.findByTestId('sagemaker-data')).toBeInTheDocument();

    act(() =>
      api.push(servedDuringOutage(inServiceSnapshot, RECONNECTING, 95_000)),
    );
    const banner = await screen.findByTestId('sagemaker-stale-banner');
    expect(banner).toHaveTextContent('Data may be out of date');
    expect(banner).not.toHaveTextContent('Cluster unreachable');
    expect(banner).toHaveTextContent(
      "The watch of endpoints in cluster 'sandbox'",
    );
    expect(
      within(screen.getByTestId('sagemaker-stale-data')).getByText(
        '2 / 2 instances',
      ),
    ).toBeInTheDocument();

    act(() => api.push(inServiceSnapshot));
    await waitFor(() =>
      expect(
        screen.queryByTestId('sagemaker-stale-banner'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('sagemaker-data')).toBeInTheDocument();
  });

  it('warns above "endpoint not found" when that comes from stale data', async () => {
    const api = new FakeSageMakerScalingApi(
      servedDuringOutage(endpointMissingSnapshot, UNREADABLE, 60_000),
    );
    await renderCard(api);
    expect(
      await screen.findByTestId('sagemaker-not-found'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-stale-banner')).toHaveTextContent(
      'observed 1 min ago',
    );
  });
});
