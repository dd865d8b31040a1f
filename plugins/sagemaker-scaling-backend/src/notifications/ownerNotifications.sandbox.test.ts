import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import {
  eventually,
  mlService,
  startSandboxBackend,
} from '../__testUtils__/sandboxBackend';
import { recordingNotifications } from '../__testUtils__/recordingNotifications';

const ENTITY = 'component:default/churn-prediction';
const SCOPE = `sagemaker-scaling:${ENTITY}:at-max-capacity`;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('owner notifications of churn-prediction (max 4) under a surge', () => {
  let sandbox: SandboxCluster;

  beforeEach(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      clockStartMs: Date.now() - 120 * 60_000,
      demo: true,
    });
    sandbox.advance(20 * 60_000);
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  const surge = (on: boolean) => {
    if (on) {
      sandbox.traffic.set('ml-serving', 'churn-prediction', {
        pattern: 'steady',
        base: 50_000,
      });
    } else {
      sandbox.traffic.set('ml-serving', 'churn-prediction', {
        pattern: 'steady',
        base: 10,
      });
    }
    sandbox.advance(40 * 60_000);
  };

  it('sends one notification per entity and finding after the threshold, resolves it when the surge ends, and updates the same scope when it comes back', async () => {
    const { sent, factory } = recordingNotifications();
    const backend = await startSandboxBackend({
      sandbox,
      entities: [mlService('churn-prediction')],
      // The real scheduler (the test backend's mock runs no periodic tasks).
      features: [factory, schedulerServiceFactory],
      config: {
        notifications: {
          enabled: true,
          findings: ['at-max-capacity'],
          atMaxForMinutes: 0.05, // 3 s
          intervalSeconds: 0.5,
        },
      },
    });
    try {
      surge(true);
      // Not before the threshold has passed.
      await sleep(1500);
      expect(sent).toHaveLength(0);
      await eventually(async () => expect(sent).toHaveLength(1), 15_000);
      expect(sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: ENTITY },
        payload: {
          severity: 'high',
          scope: SCOPE,
          link: '/catalog/default/component/churn-prediction/scaling',
        },
      });
      expect(sent[0].payload.title).toMatch(
        /maximum capacity: churn-prediction/,
      );
      // Further evaluations while it stays at max send nothing more.
      await sleep(2000);
      expect(sent).toHaveLength(1);

      surge(false);
      await eventually(async () => expect(sent).toHaveLength(2), 15_000);
      expect(sent[1].payload).toMatchObject({ scope: SCOPE, severity: 'low' });
      expect(sent[1].payload.title).toBe(
        'Resolved: SageMaker endpoint pinned at its maximum capacity: churn-prediction',
      );

      // It comes back: the same scope, so the same notification is updated.
      surge(true);
      await eventually(async () => expect(sent).toHaveLength(3), 15_000);
      expect(sent.map(n => n.payload.scope)).toEqual([SCOPE, SCOPE, SCOPE]);
    } finally {
      await backend.stop();
    }
  }, 90_000);

  it('sends nothing when turned off', async () => {
    const { sent, factory } = recordingNotifications();
    const backend = await startSandboxBackend({
      sandbox,
      entities: [mlService('churn-prediction')],
      // The real scheduler (the test backend's mock runs no periodic tasks).
      features: [factory, schedulerServiceFactory],
      config: {
        notifications: {
          enabled: false,
          atMaxForMinutes: 0,
          intervalSeconds: 0.5,
        },
      },
    });
    try {
      surge(true);
      await sleep(4000);
      expect(sent).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
