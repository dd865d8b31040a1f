import {
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  CustomObjectsApi,
  KubernetesObject,
} from '@kubernetes/client-node';
import {
  AAS,
  customObjects,
  kubeConfigFor,
  kubeFetch,
  scalableTarget,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

const targets = { ...AAS, plural: 'scalabletargets' };
const PATH =
  '/apis/applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/default/scalabletargets';

/** Waits until `check` passes (polling real time briefly). */
async function eventually(check: () => void, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise(r => setTimeout(r, 20));
    }
  }
}

describe('watches', () => {
  let sandbox: SandboxCluster;
  const aborts: AbortController[] = [];

  beforeEach(async () => {
    sandbox = await startTestSandbox({ bookmarkIntervalMs: 50 });
  });

  afterEach(async () => {
    aborts.splice(0).forEach(a => a.abort());
    await sandbox.stop();
  });

  function record(path: string, query: Record<string, any>) {
    const events: Array<{ type: string; object: any }> = [];
    let ended: unknown = 'open';
    const watch = new Watch(kubeConfigFor(sandbox));
    const started = watch
      .watch(
        path,
        query,
        (type, object) => events.push({ type, object }),
        err => {
          ended = err ?? null;
        },
      )
      .then(a => aborts.push(a));
    return { events, ended: () => ended, started };
  }

  it('streams ADDED, MODIFIED and DELETED events and resumes from a resourceVersion', async () => {
    const api = customObjects(sandbox);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    const list: any = await api.listNamespacedCustomObject({
      ...targets,
      namespace: 'default',
    });
    const rv = list.metadata.resourceVersion;

    const live = record(PATH, { resourceVersion: rv });
    await live.started;
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t2'),
    });
    await eventually(() =>
      expect(
        live.events.map(e => `${e.type} ${e.object.metadata.name}`),
      ).toContain('ADDED t2'),
    );

    // Resume from the list's version: everything since is replayed, in order.
    const resumed = record(PATH, { resourceVersion: rv });
    await resumed.started;
    await eventually(() =>
      expect(
        resumed.events.map(e => `${e.type} ${e.object.metadata.name}`),
      ).toEqual(live.events.map(e => `${e.type} ${e.object.metadata.name}`)),
    );

    // Deleting (the controller's finalizer goes after the AWS side is gone) ends in DELETED.
    await api.deleteNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't2',
    });
    const marked: any = await api.getNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      name: 't2',
    });
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.finalizers).toEqual([
      'finalizers.applicationautoscaling.services.k8s.aws/ScalableTarget',
    ]);
    sandbox.advance(10_000);
    await eventually(() =>
      expect(
        live.events.map(e => `${e.type} ${e.object.metadata.name}`),
      ).toContain('DELETED t2'),
    );
    const versions = live.events.map(e =>
      Number(e.object.metadata.resourceVersion),
    );
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('tells a label-selected watch when objects start and stop matching', async () => {
    const api = customObjects(sandbox);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1', {}, { labels: { team: 'a' } }),
    });
    const w = record(PATH, { labelSelector: 'team=a' });
    await w.started;
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const relabel = (team: string) =>
      api.patchNamespacedCustomObject(
        {
          ...targets,
          namespace: 'default',
          name: 't1',
          body: { metadata: { labels: { team } } },
        },
        merge,
      );
    await relabel('b');
    await relabel('a');
    // (The controller's own status writes would be MODIFIED events in between.)
    await eventually(() =>
      expect(w.events.map(e => e.type).filter(t => t !== 'MODIFIED')).toEqual([
        'ADDED',
        'DELETED',
        'ADDED',
      ]),
    );
  });

  it('sends the current objects first when no resourceVersion is given', async () => {
    const api = customObjects(sandbox);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    const w = record(PATH, {});
    await w.started;
    await eventually(() =>
      expect(w.events[0]).toMatchObject({
        type: 'ADDED',
        object: { metadata: { name: 't1' } },
      }),
    );
  });

  it('answers a too old resourceVersion with a 410 ERROR event', async () => {
    const api = customObjects(sandbox);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    sandbox.compact();
    const response = await kubeFetch(
      sandbox,
      `${PATH}?watch=true&resourceVersion=1`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
  });

  it('sends BOOKMARK events when allowed and ends at timeoutSeconds', async () => {
    const w = record(PATH, { allowWatchBookmarks: true, timeoutSeconds: 1 });
    await w.started;
    await eventually(() =>
      expect(w.events.some(e => e.type === 'BOOKMARK')).toBe(true),
    );
    const bookmark = w.events.find(e => e.type === 'BOOKMARK')!;
    expect(bookmark.object.metadata.resourceVersion).toBe(
      String(sandbox.store.resourceVersion),
    );
    await eventually(() => expect(w.ended()).not.toBe('open'), 3000);
  });

  it('lets an informer re-list after its watch is dropped and the history is compacted', async () => {
    const kc = kubeConfigFor(sandbox);
    const api = kc.makeApiClient(CustomObjectsApi);
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t1'),
    });
    const informer = makeInformer<KubernetesObject>(
      kc,
      PATH,
      () =>
        api.listNamespacedCustomObject({
          ...targets,
          namespace: 'default',
        }) as any,
    );
    const errors: unknown[] = [];
    informer.on('error', err => {
      errors.push(err);
      // Like the backend's cache: restart after an error.
      setTimeout(() => informer.start().catch(() => {}), 10);
    });
    await informer.start();
    expect(informer.list('default').map(o => o.metadata!.name)).toEqual(['t1']);

    sandbox.compact();
    sandbox.faults.dropWatches();
    await api.createNamespacedCustomObject({
      ...targets,
      namespace: 'default',
      body: scalableTarget('t2'),
    });
    await eventually(() =>
      expect(
        informer
          .list('default')
          .map(o => o.metadata!.name)
          .sort(),
      ).toEqual(['t1', 't2']),
    );
    await informer.stop();
  });
});
