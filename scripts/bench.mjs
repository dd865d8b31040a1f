#!/usr/bin/env node
/*
 * `./scripts/dev.sh yarn bench`: every benchmark of the project, one after the other in one
 * run (not part of the tests). Each prints its own side-by-side table and ratios:
 *   1. backend: cached snapshot path vs a naive GET-everything path, against a sandbox with
 *      1,000 endpoints and 20 ms added API latency (autocannon);
 *   2. sandbox cluster: lists of 1,000 endpoints, 200 concurrent watches, memory.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const yarn = join(root, '.yarn/releases/yarn-4.13.0.cjs');

const benches = [
  {
    name: 'backend snapshot: cached vs naive',
    args: [
      yarn,
      'workspace',
      '@mlplatform/plugin-sagemaker-scaling-backend',
      'bench',
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

let failed = 0;
for (const bench of benches) {
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
