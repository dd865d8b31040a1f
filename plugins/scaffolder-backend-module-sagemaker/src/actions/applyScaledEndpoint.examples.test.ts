import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  manifestsToYaml,
  scaledEndpointManifestList,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import yaml from 'yaml';
import {
  ownedManifests,
  ownerOnlyServices,
} from '../authorization/__testUtils__/teams';
import {
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';
import { examples } from './applyScaledEndpoint.examples';

describe('sagemaker:endpoint:apply examples', () => {
  let sandbox: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
  });
  afterAll(() => sandbox.stop());

  it.each(examples.map((e, i) => [e.description, e, i] as const))(
    'runs: %s',
    async (_description, example, index) => {
      const action = createApplyScaledEndpointAction({
        ...ownerOnlyServices(),
        config: sandboxConfig(sandbox),
        pollIntervalMs: 50,
      });
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const manifests = ownedManifests(`example-${index}`);
      const ctx = createMockActionContext({ input: {} });
      let input = step.input;
      if (input.manifests === '${{ steps.render.output.manifests }}') {
        // what the render action outputs: the five objects in apply order
        input = { ...input, manifests: scaledEndpointManifestList(manifests) };
      } else {
        const file = path.join(ctx.workspacePath, input.manifests);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, manifestsToYaml(manifests));
      }
      await action.handler({ ...ctx, input } as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'endpointName',
        `example-${index}`,
      );
      // without waiting, the status is whatever the controller has written so far
      const expectedStatus =
        input.wait === false ? /^(Creating|Unknown)$/ : /^InService$/;
      expect(ctx.output).toHaveBeenCalledWith(
        'endpointStatus',
        expect.stringMatching(expectedStatus),
      );
      const client = await sandboxClient(sandbox);
      expect(
        await client.get(
          'ScalingPolicy',
          'ml-serving',
          `example-${index}-scaling-policy`,
        ),
      ).toBeDefined();
    },
  );
});
