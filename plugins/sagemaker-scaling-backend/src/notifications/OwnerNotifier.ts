import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { ANNOTATION_ENDPOINT_NAME } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingSnapshotService } from '../snapshot/ScalingSnapshotService';
import type { OpenNotificationStore } from './OpenNotificationStore';
import {
  ALERT_SEVERITY,
  ALERT_TITLES,
  ownerAlerts,
  type NotifiedFinding,
  type OwnerAlert,
} from './ownerAlerts';
import type { NotificationSettings } from './readNotificationSettings';

/** The notification scope of a finding of an entity: one notification each, updated in place. @internal */
export const notificationScope = (entityRef: string, code: string) =>
  `sagemaker-scaling:${entityRef}:${code}`;

/** The entity's Scaling tab, as the frontend registers it. */
function scalingTabLink(entity: Entity) {
  const { kind, metadata } = entity;
  return `/catalog/${metadata.namespace ?? 'default'}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${metadata.name}/scaling`;
}

/**
 * Tells entity owners when a finding they must act on starts and ends: one evaluation
 * reads every annotated entity, its snapshot's {@link ownerAlerts}, and the open rows of
 * the {@link OpenNotificationStore}, and sends what changed.
 * @internal
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      snapshots: ScalingSnapshotService;
      notifications: NotificationService;
      store: OpenNotificationStore;
      settings: Pick<NotificationSettings, 'findings' | 'atMaxForMs'>;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /** One evaluation of every annotated entity. */
  async evaluate(): Promise<void> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_ENDPOINT_NAME}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const evaluated = new Map<
      string,
      { entity: Entity; alerts: OwnerAlert[] }
    >();
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity);
      const alerts = await this.#alertsOf(entity, entityRef);
      if (alerts) evaluated.set(entityRef, { entity, alerts });
    }
    const open = await this.options.store.openFor([...evaluated.keys()]);
    for (const [entityRef, { entity, alerts }] of evaluated) {
      const current = new Set(alerts.map(a => a.code as string));
      for (const alert of alerts) await this.#onOpen(entity, entityRef, alert);
      for (const row of open) {
        if (row.entityRef === entityRef && !current.has(row.code)) {
          await this.#onClose(entity, entityRef, row.code);
        }
      }
    }
  }

  /** The entity's alerts; undefined when its state is unknown now (then nothing changes). */
  async #alertsOf(entity: Entity, entityRef: string) {
    try {
      const snapshot = await this.options.snapshots.snapshot(
        this.options.snapshots.resolve(entity, entityRef),
      );
      // Stale data, or resources of another entity, say nothing about this one's owners.
      if (snapshot.stale) return undefined;
      if (!['bound', 'unbound'].includes(snapshot.binding.state)) return [];
      return ownerAlerts(snapshot, this.options.settings.findings);
    } catch (e) {
      this.options.logger.debug(`No notification check of ${entityRef}: ${e}`);
      return undefined;
    }
  }

  async #onOpen(entity: Entity, entityRef: string, alert: OwnerAlert) {
    const { store, settings } = this.options;
    const now = this.options.now?.() ?? Date.now();
    const scope = notificationScope(entityRef, alert.code);
    // Our clock, not the finding's `since`: AWS's (or a sandbox's) clock may differ.
    await store.open({ scope, entityRef, code: alert.code, firstSeenMs: now });
    const [row] = (await store.openFor([entityRef])).filter(
      r => r.scope === scope,
    );
    if (!row || row.notifiedMs !== undefined) return;
    const dueAfterMs =
      alert.code === 'at-max-capacity' ? settings.atMaxForMs : 0;
    if (now - row.firstSeenMs < dueAfterMs) return;
    if (!(await store.claimStart(scope, now))) return;
    try {
      await this.#send(entity, entityRef, scope, {
        title: `${alert.title}: ${entity.metadata.name}`,
        description: alert.description,
        severity: ALERT_SEVERITY[alert.code],
      });
    } catch (e) {
      // Not sent: the next evaluation tries again.
      await store.releaseStart(scope);
      throw e;
    }
  }

  async #onClose(entity: Entity, entityRef: string, code: string) {
    const scope = notificationScope(entityRef, code);
    if (!(await this.options.store.close(scope))) return;
    await this.#send(entity, entityRef, scope, {
      // The same words as the start, so the updated notification reads as its end.
      title: `Resolved: ${ALERT_TITLES[code as NotifiedFinding] ?? code}: ${
        entity.metadata.name
      }`,
      description: `The ${code} finding of ${entityRef} has ended.`,
      severity: 'low',
    });
  }

  async #send(
    entity: Entity,
    entityRef: string,
    scope: string,
    payload: {
      title: string;
      description: string;
      severity: 'critical' | 'high' | 'normal' | 'low';
    },
  ) {
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef },
      payload: {
        ...payload,
        link: scalingTabLink(entity),
        topic: 'sagemaker-scaling',
        scope,
      },
    });
    this.options.logger.info(
      `Notified the owners of ${entityRef}: ${payload.title}`,
    );
  }
}
