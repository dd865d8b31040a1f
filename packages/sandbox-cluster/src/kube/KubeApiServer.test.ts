import {
  ApiException,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  AAS,
  customObjects,
  kubeFetch,
  scalableTarget,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const targets = { ...AAS, plural: 'scalabletargets' };

async function statusOf(
  promise: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiException) {
      return {
        code: e.code,
        body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body,
      };
    }
    throw e;
  }
  throw new Error('expected the request to fail');
}

describe('Kubernetes API of the sandbox', () => {
  let sandbox: SandboxCluster;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });

  afterEach(async () => {
    await sandbox.stop();
  });

  it('serves discovery, plainly labelled as a sandbox', async () => {
    const version = await kubeFetch(sandbox, '/version', { token: null });
    expect(version.body.gitVersion).toBe('v1.31.0-sandbox');
    // The HTTPS port also answers plain HTTP (readiness probes); kubectl uses HTTPS.
    expect(sandbox.kubeApiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const plain = await fetch(
      `${sandbox.kubeApiUrl.replace('https:', 'http:')}/version`,
    );
    expect(await plain.json()).toMatchObject({ gitVersion: 'v1.31.0-sandbox' });
    const groups = await kubeFetch(sandbox, '/apis');
    expect(groups.body.groups.map((g: any) => g.name).sort()).toEqual([
      'applicationautoscaling.services.k8s.aws',
      'sagemaker.services.k8s.aws',
    ]);
    const resources = await kubeFetch(
      sandbox,
      '/apis/sagemaker.services.k8s.aws/v1alpha1',
    );
    expect(resources.body.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining([
        'models',
        'endpointconfigs',
        'endpoints',
        'endpoints/status',
      ]),
    );
  });

  it('answers 401 without a token and 403 to a read-only user who writes', async () => {
    const anonymous = await kubeFetch(
      sandbox,
      '/apis/sagemaker.services.k8s.aws/v1alpha1/endpoints',
      { token: null },
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({
      kind: 'Status',
      code: 401,
      reason: 'Unauthorized',
    });

    const viewer = customObjects(sandbox, sandbox.viewerToken);
    await expect(
      viewer.listClusterCustomObject(targets),
    ).resolves.toMatchObject({ items: [] });
    const denied = await statusOf(
      viewer.createNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        body: scalableTarget('t1'),
      }),
    );
    expect(denied.code).toBe(403);
    expect(denied.body.message).toContain(
      'User "sandbox-viewer" cannot create resource "scalabletargets"',
    );
  });

  it('creates, gets and lists with label and field selectors', async () => {
    const api = customObjects(sandbox);
    const created: any = await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'team-a',
      body: scalableTarget('t1', {}, { labels: { app: 'churn' } }),
    });
    expect(created.metadata).toMatchObject({
      namespace: 'team-a',
      generation: 1,
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'team-a',
      body: scalableTarget('t2', {}, { labels: { app: 'fraud' } }),
    });
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'team-b',
      body: scalableTarget('t3', {}, { labels: { app: 'churn' } }),
    });

    const byLabel: any = await api.listClusterCustomObject({
      ...targets,
      labelSelector: 'app=churn',
    });
    expect(byLabel.items.map((o: any) => o.metadata.name)).toEqual([
      't1',
      't3',
    ]);
    const notIn: any = await api.listClusterCustomObject({
      ...targets,
      labelSelector: 'app notin (churn)',
    });
    expect(notIn.items.map((o: any) => o.metadata.name)).toEqual(['t2']);
    const byField: any = await api.listNamespacedCustomObject({
      ...targets,
      namespace: 'team-a',
      fieldSelector: 'metadata.name=t2',
    });
    expect(byField.items.map((o: any) => o.metadata.name)).toEqual(['t2']);
    const got: any = await api.getNamespacedCustomObject({
      ...targets,
      namespace: 'team-b',
      name: 't3',
    });
    expect(got.spec.resourceID).toBe('endpoint/t3/variant/AllTraffic');

    const page: any = await api.listClusterCustomObject({
      ...targets,
      limit: 2,
    });
    expect(page.items).toHaveLength(2);
    expect(page.metadata.continue).toBeTruthy();
    const rest: any = await api.listClusterCustomObject({
      ...targets,
      limit: 2,
      _continue: page.metadata.continue,
    });
    expect(rest.items.map((o: any) => o.metadata.name)).toEqual(['t3']);
  });

  it('rejects objects that break the CRD schema with 422 naming the field, storing nothing', async () => {
    const api = customObjects(sandbox);
    const wrongType = await statusOf(
      api.createNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        body: scalableTarget('bad', { minCapacity: 'three' }),
      }),
    );
    expect(wrongType.code).toBe(422);
    expect(wrongType.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.minCapacity',
        reason: 'FieldValueTypeInvalid',
      }),
    ]);
    expect(wrongType.body.message).toContain('spec.minCapacity');

    const body = scalableTarget('bad');
    delete (body.spec as any).resourceID;
    const missing = await statusOf(
      api.createNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        body,
      }),
    );
    expect(missing.code).toBe(422);
    expect(missing.body.details.causes).toEqual([
      expect.objectContaining({
        field: 'spec.resourceID',
        reason: 'FieldValueRequired',
      }),
    ]);
    const list: any = await api.listClusterCustomObject(targets);
    expect(list.items).toEqual([]);
  });

  it('answers malformed JSON and YAML with 400 and keeps serving', async () => {
    const path =
      '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/default/scalabletargets';
    const json = await kubeFetch(sandbox, path, {
      method: 'POST',
      body: '{"apiVersion": ',
    });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    const yaml = await kubeFetch(sandbox, `${path}/x?fieldManager=test`, {
      method: 'PATCH',
      body: 'spec: [unclosed',
      headers: { 'content-type': 'application/apply-patch+yaml' },
    });
    expect(yaml.status).toBe(400);
    const unknownKind = await kubeFetch(
      sandbox,
      '/apis/sagemaker.services.k8s.aws/v1alpha1/namespaces/default/trainingjobs',
    );
    expect(unknownKind.status).toBe(404);
    const ok = await kubeFetch(sandbox, path);
    expect(ok.status).toBe(200);
  });

  it('answers 404 for a missing object and 409 for a duplicate or a stale update', async () => {
    const api = customObjects(sandbox);
    const missing = await statusOf(
      api.getNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        name: 'nope',
      }),
    );
    expect(missing.code).toBe(404);
    expect(missing.body.message).toBe(
      'scalabletargets.applicationautoscaling.services.k8s.aws "nope" not found',
    );

    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    const duplicate = await statusOf(
      api.createNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        body: scalableTarget('t1'),
      }),
    );
    expect(duplicate.code).toBe(409);
    expect(duplicate.body.reason).toBe('AlreadyExists');
    const created: any = await api.getNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't1',
    });

    const updated: any = await api.replaceNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't1',
      body: { ...created, spec: { ...created.spec, maxCapacity: 5 } },
    });
    expect(updated.metadata.generation).toBe(2);
    const stale = await statusOf(
      api.replaceNamespacedCustomObject({
        ...targets,
        namespace: 'default',
        name: 't1',
        body: { ...created, spec: { ...created.spec, maxCapacity: 6 } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body.message).toContain('the object has been modified');
  });

  it('merge-patches spec (generation +1) and writes status only through the status subresource', async () => {
    const api = customObjects(sandbox);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const patched: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: { spec: { maxCapacity: 7 }, status: { creationTime: 'ignored' } },
      },
      merge,
    );
    expect(patched.spec.maxCapacity).toBe(7);
    expect(patched.metadata.generation).toBe(2);
    expect(patched.status?.creationTime).not.toBe('ignored');

    const labelled: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: { metadata: { labels: { team: 'a' } } },
      },
      merge,
    );
    expect(labelled.metadata.generation).toBe(2);
    const json = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
    const jsonPatched: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: [{ op: 'replace', path: '/spec/minCapacity', value: 2 }],
      },
      json,
    );
    expect(jsonPatched.spec.minCapacity).toBe(2);
  });

  it('server-side applies with field ownership, conflicts as 409 and force', async () => {
    const api = customObjects(sandbox);
    const apply = setHeaderOptions(
      'Content-Type',
      PatchStrategy.ServerSideApply,
    );
    const first: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: scalableTarget('t1', { maxCapacity: 3 }),
        fieldManager: 'backstage',
      },
      apply,
    );
    expect(first.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'backstage', operation: 'Apply' }),
    ]);
    expect(first.metadata.managedFields[0].fieldsV1['f:spec']).toHaveProperty(
      'f:maxCapacity',
    );

    // The same apply again changes nothing, not even the resourceVersion.
    sandbox.settle();
    const settled: any = await api.getNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't1',
    });
    const again: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: scalableTarget('t1', { maxCapacity: 3 }),
        fieldManager: 'backstage',
      },
      apply,
    );
    expect(again.metadata.resourceVersion).toBe(
      settled.metadata.resourceVersion,
    );
    // Another manager applying the same values shares ownership without a conflict.
    const shared: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: scalableTarget('t1', { maxCapacity: 3 }),
        fieldManager: 'kubectl',
      },
      apply,
    );
    expect(
      shared.metadata.managedFields
        .filter((m: any) => m.operation === 'Apply')
        .map((m: any) => m.manager),
    ).toEqual(['backstage', 'kubectl']);

    const conflict = await statusOf(
      api.patchNamespacedCustomObject(
        {
          ...targets,
          namespace: 'default',
          name: 't1',
          body: scalableTarget('t1', { maxCapacity: 9 }),
          fieldManager: 'gitops',
        },
        apply,
      ),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: expect.stringContaining('conflict with "backstage"'),
        field: '.spec.maxCapacity',
      },
      {
        reason: 'FieldManagerConflict',
        message: expect.stringContaining('conflict with "kubectl"'),
        field: '.spec.maxCapacity',
      },
    ]);

    const forced: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: scalableTarget('t1', { maxCapacity: 9 }),
        fieldManager: 'gitops',
        force: true,
      },
      apply,
    );
    expect(forced.spec.maxCapacity).toBe(9);
    const backstage = forced.metadata.managedFields.find(
      (m: any) => m.manager === 'backstage',
    );
    expect(backstage.fieldsV1['f:spec']).not.toHaveProperty('f:maxCapacity');

    // Dropping a field from the applied configuration removes it when nobody else owns it.
    const body = scalableTarget('t1', {
      maxCapacity: 9,
      roleARN: 'arn:aws:iam::111122223333:role/x',
    });
    await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body,
        fieldManager: 'gitops',
      },
      apply,
    );
    const without: any = await api.patchNamespacedCustomObject(
      {
        ...targets,
        namespace: 'default',
        name: 't1',
        body: scalableTarget('t1', { maxCapacity: 9 }),
        fieldManager: 'gitops',
      },
      apply,
    );
    expect(without.spec.roleARN).toBeUndefined();

    const noManager = await kubeFetch(
      sandbox,
      '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/default/scalabletargets/t1',
      {
        method: 'PATCH',
        body: JSON.stringify(scalableTarget('t1')),
        headers: { 'content-type': 'application/apply-patch+yaml' },
      },
    );
    expect(noManager.status).toBe(422);
    expect(noManager.body.details.causes[0].field).toBe('fieldManager');
  });

  it('does not store anything on dryRun=All', async () => {
    const api = customObjects(sandbox);
    const dry: any = await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
      dryRun: 'All',
    });
    expect(dry.metadata.name).toBe('t1');
    const list: any = await api.listClusterCustomObject(targets);
    expect(list.items).toEqual([]);

    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t2'),
    });
    await api.deleteNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't2',
      dryRun: 'All',
    });
    const kept: any = await api.getNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't2',
    });
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
  });

  it('rejects unknown fields with fieldValidation=Strict and prunes them otherwise', async () => {
    const path =
      '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/default/scalabletargets';
    const body = JSON.stringify(scalableTarget('t1', { maxCapcity: 3 }));
    const strict = await kubeFetch(sandbox, `${path}?fieldValidation=Strict`, {
      method: 'POST',
      body,
    });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('unknown field "spec.maxCapcity"');
    const warned = await kubeFetch(sandbox, `${path}?fieldValidation=Warn`, {
      method: 'POST',
      body,
    });
    expect(warned.status).toBe(201);
    expect(warned.headers.warning).toBe(
      '299 - "unknown field \\"spec.maxCapcity\\""',
    );
    expect(warned.body.spec).not.toHaveProperty('maxCapcity');
  });
});
