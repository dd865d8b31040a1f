import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { HistorySettings } from './readHistorySettings';
import type { SettingChangeStore } from './SettingChangeStore';

/** Deletes the changes older than the retention; returns how many. @internal */
export function pruneSettingChanges(
  store: SettingChangeStore,
  settings: HistorySettings,
  now = new Date(),
): Promise<number> {
  return store.prune(
    new Date(now.getTime() - settings.retentionDays * 86_400_000),
  );
}

/** Prunes the history hourly; the scheduler runs it on one replica at a time. @internal */
export async function scheduleHistoryPruning(
  scheduler: SchedulerService,
  store: SettingChangeStore,
  settings: HistorySettings,
) {
  await scheduler.scheduleTask({
    id: 'sagemaker-scaling-history-prune',
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await pruneSettingChanges(store, settings);
    },
  });
}
