#!/usr/bin/env node
/* eslint-disable no-console -- a benchmark prints its figures */
/**
 * Benchmark of the what-if planner (not a test): one 14-day replay (20,160 minutes) and a
 * suggestion sweep of 50 candidate targets over the same series, against their goals
 * (20 ms and 500 ms). Prints the figures, their ratio to the goals and a JSON line
 * (`BENCH_RESULT {...}`) for scripts/bench.mjs.
 *
 *   node plugins/sagemaker-scaling-common/bench/replay.bench.mjs [--runs 20]
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const {
  replayScalingSettings,
  suggestScalingSettings,
  resolveInstancePrice,
  MAX_REPLAY_MINUTES,
} = require('../src/index.ts');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 20);
const SWEEP_RUNS = Math.max(3, Math.round(RUNS / 4));
const GOAL_REPLAY_MS = 20;
const GOAL_SWEEP_MS = 500;
const CANDIDATES = 50;

/** Deterministic pseudo-random numbers (mulberry32), so every run replays the same load. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 14 days of invocations per minute: a daily wave, noise, a surge a day, a few gaps. */
function series() {
  const next = random(42);
  const start = Date.UTC(2026, 10, 1);
  const points = [];
  for (let i = 0; i < MAX_REPLAY_MINUTES; i++) {
    if (next() < 0.002) continue; // a missing minute now and then
    const day = Math.sin(((i % 1440) / 1440) * 2 * Math.PI - Math.PI / 2);
    const surge = i % 1440 >= 600 && i % 1440 < 640 ? 3 : 1;
    const value = Math.max(0, (300 + 250 * day) * surge * (0.9 + 0.2 * next()));
    points.push({ timestamp: start + i * 60_000, value: Math.round(value) });
  }
  return points;
}

const settings = {
  minCapacity: 1,
  maxCapacity: 30,
  targetValue: 60,
  scaleInCooldown: 300,
  scaleOutCooldown: 300,
  disableScaleIn: false,
};
const input = {
  settings,
  series: series(),
  initialInstances: 5,
  provisioningDelayMinutes: 6,
  price: resolveInstancePrice('ml.m5.large'),
};

/** Wall-clock and CPU time of one call: CPU time stays honest on a busy machine. */
const time = fn => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - t,
    cpuMs: (used.user + used.system) / 1000,
    result,
  };
};
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const max = values => Math.max(...values);

// Warm up the JIT the way a long-running backend would be.
for (let i = 0; i < 3; i++) replayScalingSettings(input);

const replayTimes = [];
const replayCpu = [];
let summary;
for (let i = 0; i < RUNS; i++) {
  const { ms, cpuMs, result } = time(() => replayScalingSettings(input));
  replayTimes.push(ms);
  replayCpu.push(cpuMs);
  summary = result.summary;
}

const targets = Array.from({ length: CANDIDATES }, (_, i) => 30 + i * 1.5);
const sweepTimes = [];
const sweepCpu = [];
let suggestion;
for (let i = 0; i < SWEEP_RUNS; i++) {
  const { ms, cpuMs, result } = time(() =>
    suggestScalingSettings({
      ...input,
      current: settings,
      candidateTargets: targets,
      // No busier than the current settings.
      maxMinutesAboveLimit: summary.minutesAboveTarget,
    }),
  );
  sweepTimes.push(ms);
  sweepCpu.push(cpuMs);
  suggestion = result;
}

const replayMs = median(replayTimes);
const sweepMs = median(sweepTimes);
const replayCpuMs = median(replayCpu);
const sweepCpuMs = median(sweepCpu);
const fmt = v => v.toFixed(1).padStart(8);
const ratio = (v, goal) => (v / goal).toFixed(2).padStart(6);
console.log(
  `What-if planner, ${input.series.length} datapoints over ${MAX_REPLAY_MINUTES} minutes (14 days), node ${process.version}`,
);
console.log('');
console.log(
  '                     wall median  wall max  CPU median   goal  wall/goal  CPU/goal',
);
const row = (label, wall, cpu, goal, runs) =>
  console.log(
    `${label.padEnd(20)} ${fmt(median(wall))}  ${fmt(max(wall))}  ${fmt(
      median(cpu),
    )}  ${fmt(goal)} ${ratio(median(wall), goal)}    ${ratio(
      median(cpu),
      goal,
    )}   (ms, ${runs} runs)`,
  );
row('replay (1 setting)', replayTimes, replayCpu, GOAL_REPLAY_MS, RUNS);
row(
  `sweep (${CANDIDATES} targets)`,
  sweepTimes,
  sweepCpu,
  GOAL_SWEEP_MS,
  SWEEP_RUNS,
);
console.log('');
console.log(
  `replay: ${summary.instanceHours.toFixed(
    0,
  )} instance-hours, $${summary.costUsd.toFixed(2)}, ${
    summary.scaleOutEvents
  } scale-outs, ${summary.scaleInEvents} scale-ins, ${
    summary.minutesAboveTarget
  } minutes above target`,
);
console.log(`sweep: ${suggestion.reason}`);
const result = {
  replayMedianMs: replayMs,
  replayCpuMedianMs: replayCpuMs,
  replayGoalMs: GOAL_REPLAY_MS,
  sweepMedianMs: sweepMs,
  sweepCpuMedianMs: sweepCpuMs,
  sweepGoalMs: GOAL_SWEEP_MS,
  candidates: CANDIDATES,
  minutes: MAX_REPLAY_MINUTES,
};
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
// A figure, not a gate: on a shared machine the wall clock includes other processes' time.
const verdict = (cpu, goal) => (cpu <= goal ? 'within goal' : 'OVER GOAL');
console.log(
  `CPU time: replay ${verdict(replayCpuMs, GOAL_REPLAY_MS)}, sweep ${verdict(
    sweepCpuMs,
    GOAL_SWEEP_MS,
  )}`,
);
