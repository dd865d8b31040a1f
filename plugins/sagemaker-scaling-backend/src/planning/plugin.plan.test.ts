/**
 * `POST .../plan` through the plugin against the sandbox's demo endpoint
 * (churn-prediction: ml.m5.large, min 1, max 4, target 60, cooldowns out 300 s / in
 * 600 s): hand-worked replays of given series, the recorded traffic from CloudWatch, bad
 * input and access.
 */
import type http from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import request from 'supertest';
import {
  mlService,
  OWNER,
  startSandboxBackend,
} from '../__testUtils__/sandboxBackend';

jest.setTimeout(90_000);

const MINUTE = 60_000;
const START = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * 24 * 60 * MINUTE;
const owner = mockCredentials.user.header(OWNER);
const planPath =
  '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/plan';

/** `minutes` datapoints of `value` invocations per minute (all instances), from `from`. */
const constant = (minutes: number, value: number, from = START) =>
  Array.from({ length: minutes }, (_, i) => ({
    timestamp: from + i * MINUTE,
    value,
  }));

const settings = {
  minCapacity: 1,
  maxCapacity: 10,
  targetValue: 60,
  scaleInCooldown: 60,
  scaleOutCooldown: 60,
  disableScaleIn: false,
};

describe('POST .../plan', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stop: () => Promise<void>;
  const plan = (body: object, auth = owner, path = planPath) =>
    request(server).post(path).set('Authorization', auth).send(body);

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      // Three hours ago, so the two simulated hours below lie before the wall clock.
      clockStartMs: Date.now() - 3 * 3600_000,
      demo: true,
    });
    sandbox.settle();
    sandbox.advance(2 * 3600_000);
    ({ server, stop } = await startSandboxBackend({
      sandbox,
      entities: [mlService('churn-prediction')],
    }));
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  it('settles a constant load at ceil(total / target) instances, within the maximum', async () => {
    // A scale-out cooldown longer than the provisioning delay: no second scale-out
    // before the first one's instances serve.
    const res = await plan({
      settings: { ...settings, scaleOutCooldown: 900 },
      invocations: constant(120, 300),
      initialInstances: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.assumptions.provisioningDelay.minutes).toBeLessThan(15);
    const { current, proposed } = res.body;
    // 300 / 60 = 5 instances; the current settings stop at their maximum of 4.
    expect(proposed.timeline.at(-1).instances).toBe(5);
    expect(proposed.timeline.at(-1).loadPerInstance).toBe(60);
    expect(current.timeline.at(-1).instances).toBe(4);
    expect(current.summary.peakInstances).toBe(4);
    expect(current.summary.minutesAtMax).toBeGreaterThan(0);
    expect(proposed.timeline).toHaveLength(120);
    expect(proposed.timeline[0]).toEqual({
      timestamp: new Date(START).toISOString(),
      instances: 1,
      loadPerInstance: 300,
    });
    expect(res.body.assumptions).toMatchObject({
      traffic: { source: 'request', minutes: 120 },
      initialInstances: { value: 1, source: 'request' },
      alarmRules: { highAlarmDatapoints: 3, lowAlarmDatapoints: 15 },
      provisioningDelay: { minutes: expect.any(Number) },
    });
  });

  it('costs instance-hours x the list price of the instance type', async () => {
    const res = await plan({
      settings: { ...settings, minCapacity: 2, maxCapacity: 2 },
      invocations: constant(90, 30),
      initialInstances: 2,
    });
    expect(res.status).toBe(200);
    const { summary } = res.body.proposed;
    // Two instances for 90 minutes.
    expect(summary.instanceHours).toBeCloseTo(3, 10);
    expect(summary.costUsd).toBeCloseTo(3 * 0.115, 10);
    expect(res.body.assumptions.price).toEqual({
      usdPerHour: 0.115,
      source: 'bundled list price (us-east-1, 2026-07)',
    });
    expect(res.body.difference.instanceHours).toBeCloseTo(
      summary.instanceHours - res.body.current.summary.instanceHours,
      10,
    );
  });

  it('scales in no earlier than the low alarm allows, and never with disableScaleIn', async () => {
    // 40 minutes at 300/min, then 10/min: far below 90 % of the target.
    const invocations = [
      ...constant(40, 300),
      ...constant(60, 10, START + 40 * MINUTE),
    ];
    const res = await plan({ settings, invocations, initialInstances: 5 });
    expect(res.status).toBe(200);
    const timeline: { instances: number }[] = res.body.proposed.timeline;
    const firstFewer = timeline.findIndex(
      (p, i) => i >= 40 && p.instances < timeline[39].instances,
    );
    expect(timeline[39].instances).toBe(5);
    // 15 low datapoints from minute 40 on, then about a minute until instances leave.
    expect(firstFewer).toBeGreaterThanOrEqual(40 + 15);
    expect(res.body.proposed.summary.scaleInEvents).toBeGreaterThan(0);

    const held = await plan({
      settings: { ...settings, disableScaleIn: true },
      invocations,
      initialInstances: 5,
    });
    const heldTimeline: { instances: number }[] = held.body.proposed.timeline;
    expect(held.body.proposed.summary.scaleInEvents).toBe(0);
    heldTimeline.forEach((p, i) =>
      expect(p.instances).toBeGreaterThanOrEqual(
        heldTimeline[Math.max(0, i - 1)].instances,
      ),
    );
  });

  it('replays the recorded CloudWatch Invocations when no series is sent', async () => {
    const res = await plan({ settings, hours: 3 });
    expect(res.status).toBe(200);
    expect(res.body.assumptions.traffic.source).toBe('cloudwatch');
    // The sandbox simulated two hours of the demo's spike traffic.
    expect(res.body.assumptions.traffic.minutes).toBeGreaterThan(60);
    expect(res.body.current.timeline.length).toBe(
      res.body.assumptions.traffic.minutes,
    );
    expect(
      res.body.current.timeline.some((p: any) => p.loadPerInstance > 0),
    ).toBe(true);
  });

  it('suggests settings when asked', async () => {
    const res = await plan({
      settings,
      invocations: constant(120, 300),
      initialInstances: 1,
      suggest: {
        maxMinutesAboveTarget: 30,
        targets: [50, 60, 70],
        maxima: [4, 8],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.suggestion.candidates).toHaveLength(6);
    expect(res.body.suggestion.reason).toEqual(expect.any(String));
  });

  it('answers 400 naming the field', async () => {
    const missing = await plan({
      settings: { ...settings, targetValue: undefined },
      invocations: constant(5, 1),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('settings.targetValue');

    const badPoint = await plan({
      settings,
      invocations: [
        ...constant(2, 1),
        { timestamp: START + 2 * MINUTE, value: -1 },
      ],
    });
    expect(badPoint.status).toBe(400);
    expect(badPoint.body.error.message).toContain('invocations[2].value');

    const inverted = await plan({
      settings: { ...settings, minCapacity: 5, maxCapacity: 2 },
      invocations: constant(5, 1),
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.message).toContain('minCapacity');

    const unknownField = await plan({ settings, invocations: [], nope: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toContain('nope');

    const noVariant = await plan({
      variantName: 'nope',
      settings,
      invocations: constant(5, 1),
    });
    expect(noVariant.status).toBe(404);
    expect(noVariant.body.error.message).toContain('variantName');
  });

  it('needs credentials and an entity the caller can see', async () => {
    const anonymous = await plan(
      { settings, invocations: constant(5, 1) },
      'Bearer nope',
    );
    expect(anonymous.status).toBe(401);
    const unseen = await plan(
      { settings, invocations: constant(5, 1) },
      owner,
      '/api/sagemaker-scaling/v1/entities/component/default/hidden/plan',
    );
    expect(unseen.status).toBe(404);
  });
});
