import type {
  AuthService,
  DatabaseService,
  LoggerService,
  RootInstanceMetadataService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import { OpenNotificationStore } from './OpenNotificationStore';
import { OwnerNotifier } from './OwnerNotifier';
import type { NotificationSettings } from './readNotificationSettings';

/**
 * Owner notifications, when on: explicitly by config, else when the app has the
 * notifications backend plugin (the service itself always exists and would fail to
 * deliver). The evaluation is a scheduled task of scope 'global': one replica at a time.
 * @internal
 */
export async function startOwnerNotifications(options: {
  settings: NotificationSettings;
  instanceMetadata: RootInstanceMetadataService;
  scheduler: SchedulerService;
  database: DatabaseService;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  snapshots: ScalingSnapshotService;
  logger: LoggerService;
}): Promise<void> {
  const { settings, logger } = options;
  if (settings.enabled === false) return;
  if (settings.enabled === undefined) {
    const plugins = await options.instanceMetadata.getInstalledPlugins();
    if (!plugins.some(p => p.pluginId === 'notifications')) {
      logger.info(
        'Owner notifications are off: the app has no notifications backend plugin (@backstage/plugin-notifications-backend)',
      );
      return;
    }
  }
  const notifier = new OwnerNotifier({
    ...options,
    store: await OpenNotificationStore.create(options.database),
  });
  await options.scheduler.scheduleTask({
    id: 'sagemaker-scaling-owner-notifications',
    scope: 'global',
    frequency: { milliseconds: settings.intervalMs },
    timeout: { milliseconds: Math.max(60_000, settings.intervalMs * 4) },
    initialDelay: { milliseconds: Math.min(settings.intervalMs, 10_000) },
    fn: () => notifier.evaluate(),
  });
}
