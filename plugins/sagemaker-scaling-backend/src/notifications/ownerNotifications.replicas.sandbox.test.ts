import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { historyDatabase } from '../__testUtils__/historyDatabase';
import {
  recordingNotifications,
  type RecordedNotification,
} from '../__testUtils__/recordingNotifications';
import {
  eventually,
  mlService,
  startSandboxBackend,
} from '../__testUtils__/sandboxBackend';

const SCOPE =
  'sagemaker-scaling:component:default/churn-prediction:at-max-capacity';
const TASK = 'sagemaker-scaling-owner-notifications';
const SETTINGS = {
  notifications: {
    enabled: true,
    findings: ['at-max-capacity'],
    atMaxForMinutes: 0,
    intervalSeconds: 0.5,
  },
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Two replicas of the plugin behind one load balancer: one database (SQLite shared
 * through one knex, as PostgreSQL would be), each its own process state, both sending
 * through the notifications service.
 */
describe('owner notifications with two replicas on one database', () => {
  let sandbox: SandboxCluster;
  let sent: RecordedNotification[];
  const stops: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      clockStartMs: Date.now() - 120 * 60_000,
      demo: true,
    });
    sandbox.advance(20 * 60_000);
    sent = [];
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop().catch(() => {});
    await sandbox.stop();
  });

  /** Starts the replicas one after the other (each runs the migrations at start). */
  async function startReplicas(
    schedulerFactories: [unknown, unknown],
  ): Promise<void> {
    const db = await historyDatabase();
    for (const [i, scheduler] of schedulerFactories.entries()) {
      const backend = await startSandboxBackend({
        sandbox,
        entities: [mlService('churn-prediction')],
        features: [
          db.factory,
          scheduler,
          recordingNotifications(sent, `replica-${i + 1}`).factory,
        ],
        config: SETTINGS,
      });
      stops.push(backend.stop);
    }
  }

  const surge = (on: boolean) => {
    sandbox.traffic.set('ml-serving', 'churn-prediction', {
      pattern: 'steady',
      base: on ? 50_000 : 10,
    });
    sandbox.advance(40 * 60_000);
  };

  const atMaxStarts = () =>
    sent.filter(
      n => n.payload.scope === SCOPE && n.payload.severity === 'high',
    );
  const atMaxEnds = () =>
    sent.filter(n => n.payload.scope === SCOPE && n.payload.severity === 'low');

  it('with the real scheduler: one notification when the finding starts and one when it ends, across both', async () => {
    await startReplicas([schedulerServiceFactory, schedulerServiceFactory]);
    surge(true);
    await eventually(async () => expect(atMaxStarts()).toHaveLength(1), 20_000);
    // Both replicas keep evaluating (a global task, taken in turns): nothing more.
    await sleep(3000);
    expect(sent).toHaveLength(1);

    surge(false);
    await eventually(async () => expect(atMaxEnds()).toHaveLength(1), 20_000);
    await sleep(3000);
    expect(sent.map(n => n.payload.title)).toEqual([
      'SageMaker endpoint pinned at its maximum capacity: churn-prediction',
      'Resolved: SageMaker endpoint pinned at its maximum capacity: churn-prediction',
    ]);
  }, 90_000);

  it('when both replicas evaluate at the same moment (no scheduler lock between them), the database lets one send', async () => {
    // Each replica with a scheduler of its own that shares nothing: the open-notification
    // table alone must decide who sends.
    // mockServices.scheduler() is a MockSchedulerService at run time; its factory(), which
    // installs that one instance in a backend, is missing from the published type.
    type MockScheduler = SchedulerService & {
      factory(options?: {
        skipTaskRunOnStartup?: boolean;
      }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
    };
    const schedulers = [
      mockServices.scheduler(),
      mockServices.scheduler(),
    ] as MockScheduler[];
    await startReplicas([
      schedulers[0].factory({ skipTaskRunOnStartup: true }),
      schedulers[1].factory({ skipTaskRunOnStartup: true }),
    ]);
    const evaluateOnBoth = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await Promise.all(schedulers.map(s => s.triggerTask(TASK)));
      }
    };

    surge(true);
    await eventually(async () => {
      await evaluateOnBoth(1);
      expect(atMaxStarts()).toHaveLength(1);
    }, 20_000);
    await evaluateOnBoth(5);
    expect(sent).toHaveLength(1);

    surge(false);
    await eventually(async () => {
      await evaluateOnBoth(1);
      expect(atMaxEnds()).toHaveLength(1);
    }, 20_000);
    await evaluateOnBoth(5);
    expect(sent).toHaveLength(2);
  }, 90_000);
});
