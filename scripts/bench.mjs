#!/usr/bin/env node
/*
 * `./scripts/dev.sh yarn bench`: every benchmark of the project, one after the other in one
 * run (not part of the tests). Each prints its own side-by-side table and ratios:
 *   1. backend: the cached snapshot path at 1,000 and 10,000 endpoints side by side, a naive
 *      GET-everything path at 1,000, and a fleet page at 10,000, against a sandbox with
 *      20 ms added API latency (autocannon);
 *   2. backend streams: time to the first event at 1 and 300 concurrent SSE streams, memory
 *      of 300 idle streams, of streams that stop reading, and after they close;
 *   3. sandbox cluster: lists of 1,000 endpoints, 200 concurrent watches, memory.
 * `node scripts/bench.mjs <word>` runs only the benchmarks whose name contains the word.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const yarn = join(root, '.yarn/releases/yarn-4.13.0.cjs');

const benches = [
  {
    name: 'backend snapshot: 1,000 vs 10,000 endpoints, naive, fleet page',
    args: [
      yarn,
      'workspace',
      '@mlplatform/plugin-sagemaker-scaling-backend',
      'bench',
    ],
  },
  {
    name: 'backend streams: first event, memory',
    args: [
      '--expose-gc',
      '--require',
      join(root, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs'),
      join(root, 'plugins/sagemaker-scaling-backend/bench/streamBench.ts'),
    ],
  },
  {
    name: 'backend explanation: cost per variant',
    args: [
      '--require',
      join(root, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs'),
      join(root, 'plugins/sagemaker-scaling-backend/bench/explanationBench.ts'),
    ],
  },
  {
    name: 'sandbox cluster: list, watch, memory',
    args: [join(root, 'packages/sandbox-cluster/bench/sandbox.bench.mjs')],
  },
  {
    name: 'what-if planner: 14-day replay, 50-target sweep',
    args: [
      join(root, 'plugins/sagemaker-scaling-common/bench/replay.bench.mjs'),
    ],
  },
];

const only = process.argv[2];
let failed = 0;
for (const bench of benches.filter(b => !only || b.name.includes(only))) {
  console.log(`\n=== ${bench.name} ===`);
  const result = spawnSync(process.execPath, bench.args, {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    console.error(
      `[bench] ${bench.name} failed (${result.status ?? result.signal})`,
    );
  }
}
process.exit(failed ? 1 : 0);
