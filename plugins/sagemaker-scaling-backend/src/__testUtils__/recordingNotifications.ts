import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/** One notification the plugin sent, with the test backend (replica) that sent it. */
export type RecordedNotification = NotificationSendOptions & { sentBy: string };

/**
 * The notifications service at its edge: records what the plugin sends. Give the same
 * `sent` list to several replicas to see what all of them sent together.
 */
export function recordingNotifications(
  sent: RecordedNotification[] = [],
  sentBy = 'backend',
) {
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (n: NotificationSendOptions) =>
        void sent.push({ ...n, sentBy }),
    }),
  });
  return { sent, factory };
}
