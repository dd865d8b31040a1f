import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import yaml from 'yaml';
import {
  ML_PLATFORM,
  ownedManifests,
  ownerOnlyServices,
  serviceEntity,
} from '../authorization/__testUtils__/teams';
import {
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';
import { createDeleteScaledEndpointAction } from './deleteScaledEndpoint';
import { examples } from './deleteScaledEndpoint.examples';

describe('sagemaker:endpoint:delete examples', () => {
  let sandbox: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
  });
  afterAll(() => sandbox.stop());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_description, example) => {
      const config = sandboxConfig(sandbox);
      const apply = createApplyScaledEndpointAction({
        ...ownerOnlyServices(),
        config,
      });
      await apply.handler(
        createMockActionContext({
          input: {
            manifests: ownedManifests('churn-prediction') as any,
            wait: false,
          },
        }) as any,
      );
      const action = createDeleteScaledEndpointAction({
        ...ownerOnlyServices([serviceEntity('churn-prediction', ML_PLATFORM)]),
        config,
        pollIntervalMs: 20,
      });
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const input =
        step.input.entityRef === '${{ parameters.entity }}'
          ? // what the EntityPicker of the decommission template gives
            { ...step.input, entityRef: 'component:default/churn-prediction' }
          : step.input;
      const ctx = createMockActionContext({ input });
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'deleted',
        expect.arrayContaining([
          'Endpoint churn-prediction',
          'Model churn-prediction-model',
        ]),
      );
      const client = await sandboxClient(sandbox);
      expect(
        await client.get('Endpoint', 'ml-serving', 'churn-prediction'),
      ).toBeUndefined();
    },
  );
});
