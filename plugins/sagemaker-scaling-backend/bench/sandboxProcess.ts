/**
 * The benchmark's sandbox, in its own process so that its CPU and memory are not
 * counted as the backend's. Prints one JSON line with its URLs and token, then runs
 * until its parent kills it. A `{ maxCapacity: { name, value } }` message from the
 * parent changes that endpoint's ScalableTarget (a watch event for the backend).
 */
import { startSandboxCluster } from '@mlplatform/sandbox-cluster';

async function main() {
  const endpoints = Number(process.argv[2]);
  const latencyMs = Number(process.argv[3]);
  const sandbox = await startSandboxCluster({
    kubePort: 0,
    aasPort: 0,
    clock: 'manual',
  });
  sandbox.seedEndpoints(endpoints, { namespace: 'bench', prefix: 'bench' });
  sandbox.faults.setLatency(latencyMs, 'kube');
  process.stdout.write(
    `${JSON.stringify({
      kubeApiUrl: sandbox.kubeApiUrl,
      caData: sandbox.caData,
      token: sandbox.token,
      aasUrl: sandbox.aasUrl,
      cloudWatchUrl: sandbox.cloudWatchUrl,
    })}\n`,
  );
  process.on('message', (message: any) => {
    const change = message?.maxCapacity;
    if (!change) return;
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'bench',
      `${change.name}-scalable-target`,
      'merge',
      { spec: { maxCapacity: change.value } },
    );
  });
  const stop = () => sandbox.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
