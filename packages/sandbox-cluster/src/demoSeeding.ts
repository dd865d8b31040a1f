/**
 * Puts objects into a sandbox's store: the demo services (once per state) and the
 * benchmarks' scaled endpoints. The manifests themselves are in `demo`.
 */
import { demoManifests, mainDemoServiceManifests } from './demo';
import type { ResourceApi } from './kube/ResourceApi';
import type { SimulationScheduler } from './SimulationScheduler';
import type { StatePersistence } from './StatePersistence';

/** What seeding writes into and runs. @internal */
export interface SeedingContext {
  api: ResourceApi;
  region: string;
  accountId: string;
  scheduler: SimulationScheduler;
  persistence: StatePersistence;
  log: (line: string) => void;
}

/**
 * Seeds the demo services once per state: a restored state that was seeded keeps its
 * objects as they are (changed or deleted ones included), and seeding never overwrites
 * an object that exists.
 * @internal
 */
export function seedDemo(ctx: SeedingContext): void {
  const { api, persistence, scheduler, log } = ctx;
  if (persistence.demoSeeded) {
    log('demo: restored from the state file, not seeded again');
    return;
  }
  for (const manifest of demoManifests(ctx.region, ctx.accountId)) {
    const def = api.resourceForKind(manifest.kind);
    const { namespace, name } = manifest.metadata;
    if (api.tryGet(def, namespace, name)) continue;
    api.patch(def, namespace, name, 'apply', manifest, {
      fieldManager: 'sandbox-demo',
    });
  }
  persistence.demoSeeded = true;
  persistence.requestSave();
  scheduler.runFullPass();
  scheduler.finishCreating();
  log(
    'demo: churn-prediction (spiky traffic) and fraud-detection (steady traffic) in ml-serving are InService',
  );
}

/**
 * Creates `count` scaled endpoints (5 objects each, named `<prefix>-<i>`) directly.
 * @internal
 */
export function seedScaledEndpoints(
  ctx: SeedingContext,
  count: number,
  options: { namespace: string; prefix: string; inService: boolean },
): void {
  const { api, scheduler } = ctx;
  const { namespace, prefix } = options;
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`;
    for (const manifest of mainDemoServiceManifests(
      ctx.region,
      ctx.accountId,
    )) {
      const m = JSON.parse(
        JSON.stringify(manifest)
          .replace(/churn-prediction/g, name)
          .replace(/"ml-serving"/g, JSON.stringify(namespace)),
      );
      delete m.metadata.annotations;
      const def = api.resourceForKind(m.kind);
      api.create(def, namespace, m, { fieldManager: 'sandbox-seed' });
    }
  }
  scheduler.runFullPass();
  if (options.inService) scheduler.finishCreating();
}
