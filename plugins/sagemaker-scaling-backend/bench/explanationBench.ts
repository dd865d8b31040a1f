/**
 * Benchmark (not a test): what the per-variant explanation adds to a cached snapshot.
 * Reads the real inputs once from a sandbox (the demo's fraud-detection surged to its
 * maximum: not-scaled activities, both alarms with their newest datapoints, through the
 * real AWS SDK clients and the plugin's readers), then times the snapshot's explanation
 * step (the variant's activities filtered from the endpoint's, then explainVariantScaling)
 * many times and prints p50/p99 against the 1 ms budget.
 *
 * Run: node scripts/bench.mjs explanation   (from the repository root)
 * Knobs: BENCH_ITERATIONS (20000)
 */
import {
  ApplicationAutoScalingClient,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { startSandboxCluster } from '@mlplatform/sandbox-cluster';
import { CloudWatchAlarmReader } from '../src/aws/CloudWatchAlarmReader';
import { ScalingActivityReader } from '../src/aws/ScalingActivityReader';
import { explainVariantScaling } from '../src/snapshot/explainVariantScaling';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const RESOURCE_ID = 'endpoint/fraud-detection/variant/AllTraffic';
const BUDGET_MS = 1;

async function main() {
  const sandbox = await startSandboxCluster({
    clock: 'manual',
    clockStartMs: Date.now() - 3 * 3600_000,
    demo: true,
  });
  const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
  const aas = new ApplicationAutoScalingClient({
    endpoint: sandbox.aasUrl,
    region: 'us-east-1',
    credentials,
  });
  const cloudWatch = new CloudWatchClient({
    endpoint: sandbox.cloudWatchUrl,
    region: 'us-east-1',
    credentials,
  });
  try {
    // Quiet spells and surges, ending in a surge: a long history and a variant at its max.
    for (let i = 0; i < 6; i++) {
      sandbox.traffic.set('ml-serving', 'fraud-detection', {
        pattern: 'steady',
        base: i % 2 === 1 ? 20_000 : 30,
      });
      sandbox.advance(30 * 60_000);
    }
    const activities = [
      ...(await new ScalingActivityReader({ client: aas }).activitiesFor({
        resourceId: RESOURCE_ID,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      })),
      ...(await new ScalingActivityReader({ client: aas }).activitiesFor({
        resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      })),
    ].sort((a, b) => b.startTime.localeCompare(a.startTime));
    const policy = (
      await aas.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: RESOURCE_ID,
        }),
      )
    ).ScalingPolicies![0];
    const alarms = await new CloudWatchAlarmReader({
      client: cloudWatch,
    }).alarmsFor(policy.Alarms!.map(a => a.AlarmName!));
    const now = new Date(sandbox.clock.now()).toISOString();

    const step = () =>
      explainVariantScaling({
        currentInstanceCount: 2,
        desiredInstanceCount: 2,
        minCapacity: 1,
        maxCapacity: 2,
        targetValue:
          policy.TargetTrackingScalingPolicyConfiguration!.TargetValue,
        scaleInCooldown:
          policy.TargetTrackingScalingPolicyConfiguration!.ScaleInCooldown,
        scaleOutCooldown:
          policy.TargetTrackingScalingPolicyConfiguration!.ScaleOutCooldown,
        endpointStatus: 'InService',
        activities: activities.filter(a => a.resourceId === RESOURCE_ID),
        alarms,
        load: alarms.available ? alarms.alarms[0].recentValues : [],
        now,
      });
    const first = step();
    for (let i = 0; i < 2000; i++) step(); // warm-up
    const times = new Float64Array(ITERATIONS);
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = process.hrtime.bigint();
      step();
      times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    times.sort();
    const p50 = times[Math.floor(ITERATIONS * 0.5)];
    const p99 = times[Math.floor(ITERATIONS * 0.99)];
    console.log(
      `Explanation of one variant (${
        activities.length
      } activities of the endpoint, ${
        alarms.available ? alarms.alarms.length : 0
      } alarms, state ${first.state}): p50 ${(p50 * 1000).toFixed(
        1,
      )} µs  p99 ${(p99 * 1000).toFixed(1)} µs over ${ITERATIONS} runs`,
    );
    console.log(
      `  budget: ≤ ${BUDGET_MS} ms p50 added to a cached snapshot — ${
        p50 <= BUDGET_MS ? 'met' : 'NOT met'
      } (${(BUDGET_MS / p50).toFixed(0)}× headroom)`,
    );
  } finally {
    aas.destroy();
    cloudWatch.destroy();
    await sandbox.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
