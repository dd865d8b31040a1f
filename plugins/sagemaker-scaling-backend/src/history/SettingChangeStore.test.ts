import { historyDatabase } from '../__testUtils__/historyDatabase';
import { pruneSettingChanges } from './scheduleHistoryPruning';
import type { NewSettingChange } from './SettingChangeStore';

const change = (over: Partial<NewSettingChange>): NewSettingChange => ({
  changeKey: 'k',
  cluster: 'sandbox',
  namespace: 'ml-serving',
  resourceId: 'endpoint/churn/variant/AllTraffic',
  endpointName: 'churn',
  variantName: 'AllTraffic',
  before: { maxCapacity: 2 },
  after: { maxCapacity: 3 },
  actor: 'kubectl-edit',
  source: 'out-of-band',
  result: 'success',
  ...over,
});

describe('SettingChangeStore', () => {
  it('records a change once per key', async () => {
    const store = await (await historyDatabase()).store();
    expect(await store.record(change({ changeKey: 'a' }))).toBe(true);
    expect(await store.record(change({ changeKey: 'a' }))).toBe(false);
    const page = await store.list({
      cluster: 'sandbox',
      namespace: 'ml-serving',
      resourceIds: ['endpoint/churn/variant/AllTraffic'],
      limit: 10,
    });
    expect(page.items).toHaveLength(1);
  });

  it('prunes the changes older than the retention and keeps the rest', async () => {
    const store = await (await historyDatabase()).store();
    const now = new Date('2026-12-02T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await store.record(change({ changeKey: 'old', createdAt: daysAgo(91) }));
    await store.record(change({ changeKey: 'recent', createdAt: daysAgo(89) }));
    expect(await pruneSettingChanges(store, { retentionDays: 90 }, now)).toBe(
      1,
    );
    const page = await store.list({
      cluster: 'sandbox',
      namespace: 'ml-serving',
      resourceIds: ['endpoint/churn/variant/AllTraffic'],
      limit: 10,
    });
    expect(page.items.map(i => i.createdAt)).toEqual([
      daysAgo(89).toISOString(),
    ]);
  });

  it('gives the last successful after-settings as the baseline', async () => {
    const store = await (await historyDatabase()).store();
    await store.record(change({ changeKey: '1', after: { maxCapacity: 4 } }));
    await store.record(
      change({ changeKey: '2', after: { maxCapacity: 9 }, result: 'failed' }),
    );
    expect(
      await store.lastSettings(
        'sandbox',
        'ml-serving',
        'endpoint/churn/variant/AllTraffic',
      ),
    ).toEqual({ maxCapacity: 4 });
  });
});
