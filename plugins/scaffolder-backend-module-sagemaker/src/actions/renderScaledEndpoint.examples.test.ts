import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRenderScaledEndpointAction } from './renderScaledEndpoint';
import { examples } from './renderScaledEndpoint.examples';

describe('sagemaker:endpoint:render examples', () => {
  const action = createRenderScaledEndpointAction();
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'renders: %s',
    async (_description, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx as any);
      const filePath =
        step.input.targetPath ?? `manifests/${step.input.serviceName}.yaml`;
      expect(ctx.output).toHaveBeenCalledWith('filePath', filePath);
      const written = yaml
        .parseAllDocuments(fs.readFileSync(workspace.resolve(filePath), 'utf8'))
        .map(d => d.toJS());
      expect(written.map(o => o.kind)).toEqual([
        'Model',
        'EndpointConfig',
        'Endpoint',
        'ScalableTarget',
        'ScalingPolicy',
      ]);
    },
  );
});
