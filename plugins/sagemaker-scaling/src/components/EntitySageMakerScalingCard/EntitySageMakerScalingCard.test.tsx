import { act, screen, waitFor, within } from '@testing-library/react';
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
  creatingSnapshot,
  endpointMissingSnapshot,
  entityWithoutAnnotation,
  failedSnapshot,
  inServiceSnapshot,
  noScalingSnapshot,
  observedAgo,
  staleSnapshot,
  terminalPolicySnapshot,
} from '../../__fixtures__/snapshots';
import { EntitySageMakerScalingCard } from './EntitySageMakerScalingCard';

function renderCard(
  api: FakeSageMakerScalingApi,
  entity?: Parameters<typeof renderWithEntity>[1]['entity'],
) {
  return renderWithEntity(
    <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
    { api, entity },
  );
}

describe('EntitySageMakerScalingCard', () => {
  it('shows status, counts, range, target against load, last activity and a link to the tab', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api);

    expect(await screen.findByText('InService')).toBeInTheDocument();
    expect(screen.getByText('SageMaker scaling')).toBeInTheDocument();
    expect(screen.getByText('2 / 2 instances')).toBeInTheDocument();
    expect(screen.getByText('min 1 · max 3')).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-load-vs-target')).toHaveTextContent(
      'Load 45 · target 60 invocations per instance per minute',
    );
    expect(screen.getByTestId('sagemaker-last-activity')).toHaveTextContent(
      'Last scaling: Setting desired instance count to 2. (Successful,',
    );
    expect(screen.getByRole('meter')).toHaveAttribute('aria-valuenow', '2');
    expect(screen.getByText('View details').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/churn-prediction/scaling',
    );
    expect(screen.getByTestId('sagemaker-freshness')).toHaveTextContent(
      /Live · updated \d+ s ago/,
    );
  });

  it('explains how to add the annotation when it is missing', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api, entityWithoutAnnotation);
    expect(
      screen.getByText('This entity is not linked to a SageMaker endpoint.'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('sagemaker-missing-annotation'),
    ).toHaveTextContent(
      'sagemaker.services.k8s.aws/endpoint-name: churn-prediction',
    );
    expect(api.calls).toEqual([]);
  });

  it('shows a loading state until the stream delivers the first snapshot, and reads nothing else', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.sendSnapshotOnOpen = false;
    await renderCard(api);
    expect(screen.getByTestId('sagemaker-loading')).toBeInTheDocument();
    act(() => api.push(inServiceSnapshot));
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();
    expect(screen.queryByTestId('sagemaker-loading')).not.toBeInTheDocument();
    expect(api.calls.map(c => c.method)).toEqual(['followSnapshots']);
  });

  it("shows each variant's range, target and load as the backend joined them", async () => {
    // The summaries say otherwise: the card must show the variant's own values.
    const api = new FakeSageMakerScalingApi({
      ...inServiceSnapshot,
      variants: [
        {
          ...inServiceSnapshot.variants[0],
          minCapacity: 2,
          maxCapacity: 7,
          targetValue: 55.5,
          metricType: undefined,
          customMetricName: 'QueueDepth',
          latestLoadPerInstance: 12,
        },
      ],
      scalableTargets: [],
      scalingPolicies: [],
    });
    await renderCard(api);
    expect(await screen.findByText('min 2 · max 7')).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-load-vs-target')).toHaveTextContent(
      'Load 12 · target 55.5 QueueDepth',
    );
  });

  it('says when the endpoint does not exist in the cluster', async () => {
    const api = new FakeSageMakerScalingApi(endpointMissingSnapshot);
    await renderCard(api);
    expect(
      await screen.findByText('Endpoint not found in the cluster'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-not-found')).toHaveTextContent(
      'Endpoint churn-prediction in namespace ml-serving on cluster sandbox does not exist.',
    );
  });

  it('treats a 404 from the backend as not found', async () => {
    const api = new FakeSageMakerScalingApi(undefined);
    api.readError = await backendError(
      404,
      'NotFoundError',
      "Endpoint 'churn-prediction' not found",
    );
    api.streamError = api.readError;
    await renderCard(api);
    expect(await screen.findByTestId('sagemaker-not-found')).toHaveTextContent(
      "Endpoint 'churn-prediction' not found",
    );
  });

  it('shows forbidden when the user may not read the scaling state', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.readError = await backendError(403, 'NotAllowedError', 'Unauthorized');
    api.streamError = api.readError;
    await renderCard(api);
    expect(
      await screen.findByText('No access to the scaling state'),
    ).toBeInTheDocument();
    expect(screen.queryByText('2 / 2 instances')).not.toBeInTheDocument();
  });

  it('names the cluster and cause when it is unreachable and there is no data yet', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.readError = await backendError(
      503,
      'ServiceUnavailableError',
      "Cluster 'sandbox' is unreachable: connect ECONNREFUSED 127.0.0.1:6443",
    );
    api.streamError = api.readError;
    await renderCard(api);
    const alert = await screen.findByTestId('sagemaker-unreachable');
    expect(alert).toHaveTextContent('Cluster unreachable');
    expect(alert).toHaveTextContent(
      "Cluster 'sandbox' is unreachable: connect ECONNREFUSED 127.0.0.1:6443",
    );
  });

  it('greys the last data with the reason when the cluster becomes unreachable', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api);
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();

    api.readError = await backendError(
      502,
      'BadGatewayError',
      "Cluster 'sandbox' is unreachable: socket hang up",
    );
    api.streamError = api.readError;
    act(() => api.dropStreams(new Error('network error')));

    expect(
      await screen.findByTestId('sagemaker-stale-banner'),
    ).toHaveTextContent("Cluster 'sandbox' is unreachable: socket hang up");
    const data = screen.getByTestId('sagemaker-stale-data');
    expect(data).toHaveAttribute('aria-disabled', 'true');
    expect(within(data).getByText('2 / 2 instances')).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-freshness')).toHaveTextContent(
      'Offline',
    );
  });

  it('greys the data when the stream reports the cluster unavailable, and recovers', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api);
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();

    act(() =>
      api.reportStreamError(
        'ServiceUnavailableError',
        "Cluster 'sandbox' is not available: connect ECONNREFUSED",
      ),
    );
    const banner = await screen.findByTestId('sagemaker-stale-banner');
    expect(banner).toHaveTextContent('Cluster unreachable');
    expect(banner).toHaveTextContent(
      "Cluster 'sandbox' is not available: connect ECONNREFUSED",
    );
    expect(screen.getByTestId('sagemaker-stale-data')).toBeInTheDocument();

    act(() => api.push(inServiceSnapshot));
    await waitFor(() =>
      expect(
        screen.queryByTestId('sagemaker-stale-banner'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('sagemaker-data')).toBeInTheDocument();
  });

  it('greys data the backend marks stale, with its reason', async () => {
    const api = new FakeSageMakerScalingApi(
      observedAgo(staleSnapshot, 4 * 60_000),
    );
    await renderCard(api);
    expect(
      await screen.findByTestId('sagemaker-stale-banner'),
    ).toHaveTextContent(
      'Cluster sandbox is unreachable: connect ECONNREFUSED 127.0.0.1:6443',
    );
    expect(screen.getByTestId('sagemaker-stale-banner')).toHaveTextContent(
      'observed 4 min ago',
    );
    expect(screen.getByTestId('sagemaker-freshness')).toHaveTextContent(
      'Stale',
    );
  });

  it('shows Creating with an explanation and unknown current count', async () => {
    const api = new FakeSageMakerScalingApi(creatingSnapshot);
    await renderCard(api);
    expect(await screen.findByText('Creating')).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-pending')).toHaveTextContent(
      'SageMaker is creating endpoint churn-prediction',
    );
    expect(screen.getByText('– / 1 instances')).toBeInTheDocument();
    expect(
      screen.getByText('No scaling activity recorded yet.'),
    ).toBeInTheDocument();
  });

  it('shows Failed with the failure reason', async () => {
    const api = new FakeSageMakerScalingApi(failedSnapshot);
    await renderCard(api);
    expect(await screen.findByText('Failed')).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-findings')).toHaveTextContent(
      'did not pass the ping health check',
    );
  });

  it("shows a Terminal condition with the controller's message", async () => {
    const api = new FakeSageMakerScalingApi(terminalPolicySnapshot);
    await renderCard(api);
    expect(await screen.findByTestId('sagemaker-findings')).toHaveTextContent(
      "ScalingPolicy 'churn-prediction-scaling-policy' is in a terminal state: ValidationException: Unsupported service namespace",
    );
  });

  it('shows the findings the backend sent, in its order, adding none', async () => {
    const api = new FakeSageMakerScalingApi({
      ...terminalPolicySnapshot,
      findings: [],
    });
    await renderCard(api);
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();
    expect(screen.queryByTestId('sagemaker-findings')).not.toBeInTheDocument();
  });

  it('shows at max capacity as a warning, most severe finding first', async () => {
    const api = new FakeSageMakerScalingApi(atMaxCapacitySnapshot);
    await renderCard(api);
    expect(await screen.findByText('3 / 3 instances')).toBeInTheDocument();
    expect(screen.getByText('min 1 · max 3 (at max)')).toBeInTheDocument();
    const findings = within(screen.getByTestId('sagemaker-findings'))
      .getAllByRole('alert')
      .map(a => a.getAttribute('data-finding-code'));
    expect(findings).toEqual(['at-max-capacity', 'endpoint-unbound']);
  });

  it('says when nothing scales the endpoint', async () => {
    const api = new FakeSageMakerScalingApi(noScalingSnapshot);
    await renderCard(api);
    expect(await screen.findByText('1 / 1 instances')).toBeInTheDocument();
    expect(
      screen.getByText('fixed capacity (no autoscaling)'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sagemaker-load-vs-target')).toHaveTextContent(
      'No target-tracking policy: instance count stays at 1 (no ScalableTarget registered).',
    );
  });

  it('updates live from the stream without a reload', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    await renderCard(api);
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();
    act(() => api.push(atMaxCapacitySnapshot));
    expect(await screen.findByText('3 / 3 instances')).toBeInTheDocument();
    expect(screen.queryByText('2 / 2 instances')).not.toBeInTheDocument();
  });

  it('falls back to polling when the stream fails, and shows it', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.streamError = new Error('stream refused by proxy');
    await renderCard(api);
    expect(await screen.findByText('2 / 2 instances')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('sagemaker-freshness')).toHaveTextContent(
        'Polling',
      ),
    );
    api.snapshot = atMaxCapacitySnapshot;
    expect(await screen.findByText('3 / 3 instances')).toBeInTheDocument();
  });
});
