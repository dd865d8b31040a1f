import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import yaml from 'yaml';
import {
  manifestsFor,
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
      const apply = createApplyScaledEndpointAction({ config });
      await apply.handler(
        createMockActionContext({
          input: {
            manifests: manifestsFor('churn-prediction') as any,
            wait: false,
          },
        }) as any,
      );
      const action = createDeleteScaledEndpointAction({
        config,
        pollIntervalMs: 20,
      });
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      let input = step.input;
      if (input.entity === '${{ steps.fetch.output.entity }}') {
        // what catalog:fetch outputs for the demo ML service
        input = {
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'churn-prediction',
              annotations: {
                'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
                'backstage.io/kubernetes-namespace': 'ml-serving',
              },
            },
            spec: {
              type: 'ml-service',
              owner: 'group:default/ml-platform',
              lifecycle: 'production',
            },
          },
        };
      }
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
