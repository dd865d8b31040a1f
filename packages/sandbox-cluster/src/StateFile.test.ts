import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createAll,
  getObject,
  scaledEndpoint,
  startTestSandbox,
} from './__testUtils__/clients';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

describe('state file', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps objects, simulated AWS state and time across a restart', async () => {
    const stateFile = path.join(dir, 'state.json');
    const first = await startTestSandbox({ stateFile });
    createAll(first, scaledEndpoint('kept'));
    first.advance(61_000);
    first.traffic.set('default', 'kept', { pattern: 'steady', base: 500 });
    first.advance(10 * 60_000);
    const before = getObject(first, 'Endpoint', 'kept');
    const activities = first.internals.aas.describeScalingActivities({
      ServiceNamespace: 'sagemaker',
    }).ScalingActivities;
    const simNow = first.clock.now();
    await first.stop();

    const second = await startTestSandbox({ stateFile });
    try {
      const after = getObject(second, 'Endpoint', 'kept');
      expect(after.metadata.uid).toBe(before.metadata.uid);
      expect(after.status.productionVariants).toEqual(
        before.status.productionVariants,
      );
      expect(second.store.resourceVersion).toBeGreaterThanOrEqual(
        Number(before.metadata.resourceVersion),
      );
      expect(second.clock.now()).toBeGreaterThanOrEqual(simNow);
      expect(
        second.internals.aas.describeScalingActivities({
          ServiceNamespace: 'sagemaker',
        }).ScalingActivities,
      ).toEqual(activities);
      // The controllers pick up where they were: nothing is recreated.
      second.advance(60_000);
      expect(getObject(second, 'Endpoint', 'kept').status.endpointStatus).toBe(
        'InService',
      );
    } finally {
      await second.stop();
    }
  });

  it('refuses a file that is not a sandbox state file, naming it', async () => {
    const stateFile = path.join(dir, 'state.json');
    fs.writeFileSync(stateFile, '{"hello": 1}');
    await expect(startTestSandbox({ stateFile })).rejects.toThrow(
      `state file ${stateFile} is not a sandbox-cluster-state/v1 file`,
    );
  });
});
