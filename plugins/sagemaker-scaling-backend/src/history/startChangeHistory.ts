import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import { OutOfBandChangeWatcher } from './OutOfBandChangeWatcher';
import type { HistorySettings } from './readHistorySettings';
import { StoreScalingChangeRecorder } from './ScalingChangeRecorder';
import { scheduleHistoryPruning } from './scheduleHistoryPruning';
import { SettingChangeStore } from './SettingChangeStore';

/**
 * The change history: the store (migrated), the recorder of the plugin's own updates,
 * the watcher of out-of-band changes and the scheduled pruning.
 * @internal
 */
export async function startChangeHistory(options: {
  database: DatabaseService;
  scheduler: SchedulerService;
  clusters: ClusterRegistry;
  logger: LoggerService;
  settings: HistorySettings;
}) {
  const store = await SettingChangeStore.create(options.database);
  const watcher = new OutOfBandChangeWatcher({
    store,
    clusters: options.clusters,
    logger: options.logger,
  });
  watcher.start();
  await scheduleHistoryPruning(options.scheduler, store, options.settings);
  return {
    store,
    recorder: new StoreScalingChangeRecorder(store),
    stop: () => watcher.stop(),
  };
}
