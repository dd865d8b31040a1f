/**
 * Runs the "New scaled model endpoint" template through a real scaffolder backend with
 * this module installed, using the scaffolder's dry-run API.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DNS1123_LABEL_PATTERN,
  EXECUTION_ROLE_ARN_PATTERN,
  IMAGE_PATTERN,
  INSTANCE_TYPE_PATTERN,
  INSTANCE_VARIANT_METRIC_TYPES,
  MODEL_DATA_URL_PATTERN,
  NON_AUTOSCALABLE_INSTANCE_PATTERN,
  SAGEMAKER_NAME_PATTERN,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  tutorialInputs,
  tutorialManifestsFor,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { parse, parseAllDocuments } from 'yaml';
import { scaffolderModuleSagemaker } from './module';

const templateDir = path.resolve(
  __dirname,
  '..',
  'templates',
  'scaled-model-endpoint',
);
const template = parse(
  fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
);

/** The template folder as the dry-run API takes it (the template's own files). */
function directoryContents() {
  const files: { path: string; base64Content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.push({
          path: path.relative(templateDir, full).split(path.sep).join('/'),
          base64Content: fs.readFileSync(full).toString('base64'),
        });
    }
  };
  walk(templateDir);
  return files;
}

/** The tutorial's values, as a user would enter them in the form. */
const tutorialValues = {
  name: 'churn-prediction',
  owner: 'group:default/ml-platform',
  description: 'Predicts which customers are about to churn',
  namespace: 'ml-serving',
  ...tutorialInputs,
  disableScaleIn: false,
  delivery: 'gitops',
  repoUrl: 'github.com?owner=acme&repo=churn-prediction',
};

/**
 * tutorial-manifests.yaml with the names the template derives from `churn-prediction`
 * (the fixture's own test proves it equals the reference file).
 */
function expectedTutorialObjects() {
  return tutorialManifestsFor('churn-prediction');
}

interface DryRunResponse {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: { path: string; base64Content: string }[];
  output: { links?: unknown[]; text?: { title: string; content: string }[] };
  steps: { id: string }[];
}

describe('scaled-model-endpoint template through the scaffolder dry-run API', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleSagemaker,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
      ],
    });
    baseUrl = `http://127.0.0.1:${backend.server.port()}`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  async function dryRun(values: Record<string, unknown>) {
    const response = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(),
      },
      body: JSON.stringify({
        template,
        values,
        directoryContents: directoryContents(),
      }),
    });
    return { status: response.status, body: await response.json() };
  }

  function fileOf(body: DryRunResponse, filePath: string) {
    const file = body.directoryContents.find(f => f.path === filePath);
    return file && Buffer.from(file.base64Content, 'base64').toString('utf8');
  }

  it('renders the tutorial manifests, the catalog entry and the README', async () => {
    const { status, body } = await dryRun(tutorialValues);
    const messages = (body as DryRunResponse).log?.map(l => l.body.message);
    expect({ status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const result = body as DryRunResponse;

    // the five manifests, equal to the tutorial's but for the derived names
    const manifests = fileOf(result, 'manifests/churn-prediction.yaml');
    expect(manifests).toBeDefined();
    const objects = parseAllDocuments(manifests!).map(d => d.toJS());
    expect(
      objects.map(o => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: { name: o.metadata.name },
        spec: o.spec,
      })),
    ).toEqual(expectedTutorialObjects());
    for (const object of objects) {
      expect(object.metadata.namespace).toBe('ml-serving');
      // GitOps delivery: labelled with the service, but not for the entity provider (the
      // repository's catalog-info.yaml catalogs it)
      expect(object.metadata.labels).toEqual({
        'app.kubernetes.io/managed-by': 'backstage-sagemaker-scaling',
        'app.kubernetes.io/part-of': 'churn-prediction',
        'sagemaker-scaling.backstage.io/service': 'churn-prediction',
      });
      expect(object.metadata.annotations).toEqual({
        'sagemaker-scaling.backstage.io/owner': 'group:default/ml-platform',
        'sagemaker-scaling.backstage.io/description':
          'Predicts which customers are about to churn',
        'sagemaker-scaling.backstage.io/lifecycle': 'experimental',
        // bound to the entity the template catalogs
        'sagemaker-scaling.backstage.io/entity-ref':
          'component:default/churn-prediction',
      });
    }

    const catalogInfo = parse(fileOf(result, 'catalog-info.yaml')!);
    expect(catalogInfo).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'churn-prediction',
        description: 'Predicts which customers are about to churn',
        annotations: {
          'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
          'backstage.io/kubernetes-namespace': 'ml-serving',
        },
        tags: ['sagemaker', 'ml'],
      },
      spec: {
        type: 'ml-service',
        lifecycle: 'experimental',
        owner: 'group:default/ml-platform',
      },
    });
    const readme = fileOf(result, 'README.md')!;
    expect(readme).toContain('# churn-prediction');
    expect(readme).toContain(
      'kubectl apply -f manifests/churn-prediction.yaml',
    );
    expect(readme).toContain(
      'target tracking: `SageMakerVariantInvocationsPerInstance` at 60 per instance',
    );

    // GitOps delivery: publishing and registering are planned (skipped in a dry run)
    expect(messages.join('\n')).toMatch(/publish:github/);
    expect(messages.join('\n')).toMatch(/catalog:register/);
    expect(result.output.text?.[0].content).toContain(
      'manifests/churn-prediction.yaml',
    );
  });

  it('leaves optional fields out of the manifests and the catalog entry', async () => {
    const {
      containerHostname: _h,
      description: _d,
      disableScaleIn: _s,
      ...values
    } = tutorialValues;
    const { status, body } = await dryRun(values);
    expect({ status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const [model] = parseAllDocuments(
      fileOf(body, 'manifests/churn-prediction.yaml')!,
    ).map(d => d.toJS());
    expect(model.spec.primaryContainer).toEqual({
      modelDataURL: tutorialValues.modelDataURL,
      image: tutorialValues.image,
    });
    expect(
      parse(fileOf(body, 'catalog-info.yaml')!).metadata,
    ).not.toHaveProperty('description');
  });

  it.each([
    ['name', { name: 'churn prediction' }],
    ['name', { name: 'churn_prediction' }],
    ['namespace', { namespace: 'ML-Serving' }],
    ['modelDataURL', { modelDataURL: 'http://bucket/model.tar.gz' }],
    ['image', { image: 'registry.example.com/model:1 latest' }],
    ['executionRoleARN', { executionRoleARN: 'arn:aws:iam::123:role/x' }],
    ['instanceType', { instanceType: 'ml.t2.medium' }],
    ['initialInstanceCount', { initialInstanceCount: 0 }],
    ['minCapacity', { minCapacity: 1.5 }],
    ['maxCapacity', { maxCapacity: 0 }],
    ['targetValue', { targetValue: 0 }],
    ['scaleInCooldown', { scaleInCooldown: 86401 }],
    ['scaleOutCooldown', { scaleOutCooldown: -1 }],
    [
      'metricType',
      { metricType: 'SageMakerVariantProvisionedConcurrencyUtilization' },
    ],
    ['variantName', { variantName: 'All Traffic' }],
    ['delivery', { delivery: 'kubectl' }],
  ] as [string, Record<string, unknown>][])(
    'refuses a bad %s in the form before running any step',
    async (field, change) => {
      const { status, body } = await dryRun({ ...tutorialValues, ...change });
      expect(status).toBe(400);
      expect(
        (body.errors as { property: string }[]).map(e => e.property),
      ).toContain(`instance.${field}`);
    },
  );

  it('fails the render step on a rule the form cannot express (min above max)', async () => {
    const { status, body } = await dryRun({
      ...tutorialValues,
      minCapacity: 4,
      maxCapacity: 2,
      initialInstanceCount: 3,
    });
    expect({ status, error: body.error }).toEqual({
      status: 400,
      error: {
        name: 'InputError',
        message:
          'Invalid input to sagemaker:endpoint:render: maxCapacity must be greater than or equal to minCapacity, got minCapacity 4 and maxCapacity 2',
      },
    });
  });
});

function compilesAsUnicode(pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u') instanceof RegExp;
  } catch {
    return false;
  }
}

describe('scaled-model-endpoint template form', () => {
  const properties: Record<string, any> = Object.assign(
    {},
    ...template.spec.parameters.map((page: any) => page.properties),
  );

  it('uses the same patterns as the shared validation', () => {
    expect(properties.name.pattern).toBe(SAGEMAKER_NAME_PATTERN.source);
    expect(properties.variantName.pattern).toBe(SAGEMAKER_NAME_PATTERN.source);
    expect(properties.containerHostname.pattern).toBe(
      SAGEMAKER_NAME_PATTERN.source,
    );
    expect(properties.namespace.pattern).toBe(DNS1123_LABEL_PATTERN.source);
    expect(properties.modelDataURL.pattern).toBe(MODEL_DATA_URL_PATTERN.source);
    expect(properties.image.pattern).toBe(IMAGE_PATTERN.source);
    expect(properties.executionRoleARN.pattern).toBe(
      EXECUTION_ROLE_ARN_PATTERN.source,
    );
  });

  it('uses patterns a browser validator compiles (unicode mode, as ajv does)', () => {
    const patterns = Object.entries(properties)
      .filter(([, schema]) => schema.pattern)
      .map(([field, schema]) => ({
        field,
        compiles: compilesAsUnicode(schema.pattern),
      }));
    expect(patterns.length).toBeGreaterThanOrEqual(7);
    expect(patterns.filter(p => !p.compiles)).toEqual([]);
  });

  it('offers only autoscalable ml.* instance types', () => {
    for (const instanceType of properties.instanceType.enum) {
      expect(instanceType).toMatch(INSTANCE_TYPE_PATTERN);
      expect(instanceType).not.toMatch(NON_AUTOSCALABLE_INSTANCE_PATTERN);
    }
    expect(properties.instanceType.enum).toContain(
      properties.instanceType.default,
    );
  });

  it('offers exactly the metrics that scale the instance count', () => {
    expect(properties.metricType.enum).toEqual(INSTANCE_VARIANT_METRIC_TYPES);
  });

  it('offers apply to a cluster (the default) or GitOps delivery, each with its own fields', () => {
    expect(properties.delivery.enum).toEqual(['apply', 'gitops']);
    expect(properties.delivery.default).toBe('apply');
    const deliveryPage = template.spec.parameters.find(
      (page: any) => page.properties.delivery,
    );
    const branches = deliveryPage.dependencies.delivery.oneOf.map(
      (branch: any) => ({
        delivery: branch.properties.delivery.const,
        required: branch.required,
        defaults: Object.fromEntries(
          Object.entries(branch.properties)
            .filter(([, schema]: [string, any]) => 'default' in schema)
            .map(([field, schema]: [string, any]) => [field, schema.default]),
        ),
      }),
    );
    expect(branches).toEqual([
      {
        delivery: 'apply',
        required: ['timeoutMinutes'],
        defaults: { timeoutMinutes: 30 },
      },
      { delivery: 'gitops', required: ['repoUrl'], defaults: {} },
    ]);
  });

  it("has no hard-coded owner: the form, else the user's first group, else the user", () => {
    expect(template.spec.owner).toBeUndefined();
    expect(template.spec.parameters[0].required).not.toContain('owner');
    const owner =
      '${{ parameters.owner or user.entity.spec.memberOf[0] or user.ref }}';
    const [render, fetchStep] = template.spec.steps.filter((step: any) =>
      ['render', 'fetch'].includes(step.id),
    );
    expect(render.input.owner).toBe(owner);
    expect(fetchStep.input.values.owner).toBe(owner);
    expect(properties.lifecycle.default).toBe('experimental');
    expect(properties.system['ui:field']).toBe('EntityPicker');
  });

  it('applies and waits for the entity provider only for apply, publishes only for gitops', () => {
    const apply = "${{ parameters.delivery == 'apply' }}";
    const gitops = "${{ parameters.delivery == 'gitops' }}";
    expect(
      template.spec.steps.map((step: any) => [
        step.action,
        step.if ?? 'always',
        step.input?.checkOnly ?? false,
      ]),
    ).toEqual([
      // the name is checked before a cluster or repository is changed
      ['sagemaker:catalog:await-service', 'always', true],
      ['sagemaker:endpoint:render', 'always', false],
      ['fetch:template', gitops, false],
      ['sagemaker:endpoint:apply', apply, false],
      ['sagemaker:catalog:await-service', apply, false],
      ['publish:github', gitops, false],
      ['catalog:register', gitops, false],
    ]);
    const render = template.spec.steps.find((s: any) => s.id === 'render');
    expect(render.input.catalogEntityProvider).toBe(apply);
  });
});
