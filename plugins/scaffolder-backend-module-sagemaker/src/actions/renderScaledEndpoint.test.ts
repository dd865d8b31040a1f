import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import { parseAllDocuments } from 'yaml';
import { SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS } from '@mlplatform/plugin-sagemaker-scaling-common';
import { createRenderScaledEndpointAction } from './renderScaledEndpoint';

const input = {
  serviceName: 'churn-prediction',
  namespace: 'ml-serving',
  modelDataURL:
    's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
  image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
  executionRoleARN:
    'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
};

describe('sagemaker:endpoint:render', () => {
  const action = createRenderScaledEndpointAction();
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  function context(actionInput: Record<string, unknown>, isDryRun = false) {
    return {
      ...createMockActionContext({
        // undefined stands for a parameter the user left out; JsonObject has no undefined
        input: actionInput as JsonObject,
        workspacePath: workspace.path,
      }),
      isDryRun,
    };
  }

  function outputsOf(ctx: ReturnType<typeof context>) {
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
  }

  it('labels and annotates every resource with the catalog fields, the provider marker only when asked', async () => {
    const withCatalog = {
      ...input,
      owner: 'ml-platform',
      system: '',
      description: 'Predicts churn\nkey: value',
      lifecycle: 'production',
    };
    const gitops = context({ ...withCatalog, catalogEntityProvider: false });
    await action.handler(gitops as any);
    const apply = context({ ...withCatalog, catalogEntityProvider: true });
    await action.handler(apply as any);
    for (const object of outputsOf(gitops).manifests) {
      expect(object.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'backstage-sagemaker-scaling',
        'app.kubernetes.io/part-of': 'churn-prediction',
        'sagemaker-scaling.backstage.io/service': 'churn-prediction',
      });
      expect(object.metadata.annotations).toEqual({
        'sagemaker-scaling.backstage.io/owner': 'group:default/ml-platform',
        'sagemaker-scaling.backstage.io/description':
          'Predicts churn\nkey: value',
        'sagemaker-scaling.backstage.io/lifecycle': 'production',
        // bound to the entity the template catalogs
        'sagemaker-scaling.backstage.io/entity-ref':
          'component:default/churn-prediction',
      });
    }
    for (const object of outputsOf(apply).manifests) {
      expect(
        object.metadata.labels['sagemaker-scaling.backstage.io/catalog'],
      ).toBe('entity-provider');
    }
    // the file holds the same objects: the description stays one annotation value
    const written = parseAllDocuments(
      fs.readFileSync(
        workspace.resolve('manifests/churn-prediction.yaml'),
        'utf8',
      ),
    ).map(d => d.toJS());
    expect(written).toEqual(outputsOf(apply).manifests);
  });

  it('refuses catalog fields without a valid owner, before writing anything', async () => {
    const ctx = context({ ...input, catalogEntityProvider: true });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /owner undefined must be an entity reference/,
    );
    const bad = context({ ...input, owner: 'group:default/a b' });
    await expect(action.handler(bad as any)).rejects.toThrow(
      /owner "group:default\/a b" must be an entity reference/,
    );
    expect(fs.existsSync(workspace.resolve('manifests'))).toBe(false);
  });

  it('writes the five manifests to manifests/<serviceName>.yaml and outputs them', async () => {
    const ctx = context(input);
    await action.handler(ctx as any);

    const text = fs.readFileSync(
      workspace.resolve('manifests/churn-prediction.yaml'),
      'utf8',
    );
    const objects = parseAllDocuments(text).map(d => d.toJS());
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Model/churn-prediction-model',
      'EndpointConfig/churn-prediction-config',
      'Endpoint/churn-prediction',
      'ScalableTarget/churn-prediction-scalable-target',
      'ScalingPolicy/churn-prediction-scaling-policy',
    ]);

    const outputs = outputsOf(ctx);
    expect(outputs.manifests).toEqual(objects);
    expect(outputs).toMatchObject({
      filePath: 'manifests/churn-prediction.yaml',
      namespace: 'ml-serving',
      modelName: 'churn-prediction-model',
      endpointConfigName: 'churn-prediction-config',
      endpointName: 'churn-prediction',
      variantName: 'AllTraffic',
      scalableTargetName: 'churn-prediction-scalable-target',
      scalingPolicyName: 'churn-prediction-scaling-policy',
      policyName: 'churn-prediction-scaling-policy',
      resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
    });
  });

  it('renders in a dry run too, since it only writes into the task workspace', async () => {
    const ctx = context({ ...input, targetPath: 'deploy/endpoint.yaml' }, true);
    await action.handler(ctx as any);
    expect(fs.existsSync(workspace.resolve('deploy/endpoint.yaml'))).toBe(true);
    expect(outputsOf(ctx).filePath).toBe('deploy/endpoint.yaml');
  });

  it('treats parameters the user left out (undefined) as absent', async () => {
    const ctx = context({
      ...input,
      variantName: undefined,
      containerHostname: undefined,
      scaleInCooldown: undefined,
    });
    await action.handler(ctx as any);
    const [model, , , , policy] = outputsOf(ctx).manifests;
    expect(model.spec.primaryContainer).not.toHaveProperty('containerHostname');
    expect(
      policy.spec.targetTrackingScalingPolicyConfiguration.scaleInCooldown,
    ).toBe(300);
  });

  it.each([
    [
      { minCapacity: 4, maxCapacity: 2, initialInstanceCount: 3 },
      /maxCapacity must be greater than or equal to minCapacity/,
    ],
    [{ instanceType: 'ml.t2.medium' }, /burstable ml\.t2/],
    [
      { serviceName: 'churn\nkind: Secret' },
      /serviceName must be letters, digits and inner hyphens/,
    ],
    [{ namespace: 'ML Serving' }, /namespace must be lowercase/],
    [
      { metricType: 'SageMakerVariantProvisionedConcurrencyUtilization' },
      /metricType/,
    ],
    [{ unknownField: 1 }, /unknownField is not a known field/],
  ] as [Record<string, unknown>, RegExp][])(
    'refuses %j before writing anything',
    async (change, message) => {
      const ctx = context({ ...input, ...change });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      await expect(action.handler(ctx as any)).rejects.toMatchObject({
        name: 'InputError',
      });
      expect(fs.existsSync(workspace.resolve('manifests'))).toBe(false);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['../outside.yaml', /inside the workspace/],
    ['manifests/../../outside.yaml', /inside the workspace/],
    ['/etc/passwd', /relative to the workspace/],
    ['.', /inside the workspace/],
    ['', /non-empty/],
  ])('refuses targetPath %j', async (targetPath, message) => {
    const ctx = context({ ...input, targetPath });
    await expect(action.handler(ctx as any)).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('describes the input with the same rules as JSON Schema for the task runner', () => {
    const schema = action.schema?.input as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(
      [...SCALED_ENDPOINT_SPEC_REQUIRED_FIELDS].sort(),
    );
    expect(schema.properties.serviceName).toMatchObject({
      type: 'string',
      maxLength: 63,
      pattern: '^[a-zA-Z0-9](-*[a-zA-Z0-9])*$',
    });
    expect(schema.properties.minCapacity).toMatchObject({
      type: 'integer',
      minimum: 1,
    });
    expect(schema.properties.targetValue).toMatchObject({
      type: 'number',
      minimum: 8.51592e-109,
      maximum: 1.174271e108,
    });
    expect(schema.properties.metricType.enum).toEqual([
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    ]);
  });
});
