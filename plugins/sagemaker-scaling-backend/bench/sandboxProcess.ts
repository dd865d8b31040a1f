/**
 * The benchmark's sandbox, in its own process so that its CPU and memory are not
 * counted as the backend's. Prints one JSON line with its URLs and token, then runs
 * until its parent kills it.
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
    })}\n`,
  );
  const stop = () => sandbox.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
