import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type {
  SettingChange,
  SettingChangeSource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EditableSettings } from '../scaling/settingsVersion';

export type { SettingChange, SettingChangeSource };

/** A change to record: the wire type without what the store assigns (id, time). @internal */
export interface NewSettingChange
  extends Omit<SettingChange, 'id' | 'createdAt'> {
  /** Unique per change: replicas recording the same change insert it once. */
  changeKey: string;
  /** When the change happened; now when absent. */
  createdAt?: Date;
}

const TABLE = 'setting_changes';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * The change history in the plugin's database (knex migrations in `migrations/`; SQLite
 * in the embedded default, PostgreSQL in production).
 * @internal
 */
export class SettingChangeStore {
  static async create(database: DatabaseService): Promise<SettingChangeStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@mlplatform/plugin-sagemaker-scaling-backend',
          'migrations',
        ),
      });
    }
    return new SettingChangeStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** Inserts the change; false when one with its key is already there. */
  async record(change: NewSettingChange): Promise<boolean> {
    const rows = await this.db(TABLE)
      .insert({
        change_key: change.changeKey,
        entity_ref: change.entityRef ?? null,
        cluster: change.cluster,
        namespace: change.namespace,
        resource_id: change.resourceId,
        endpoint: change.endpointName,
        variant: change.variantName,
        before_settings: JSON.stringify(change.before),
        after_settings: JSON.stringify(change.after),
        actor: change.actor,
        source: change.source,
        result: change.result,
        message: change.message ?? null,
        created_at: (change.createdAt ?? new Date()).toISOString(),
      })
      .onConflict('change_key')
      .ignore()
      .returning('id');
    return rows.length > 0;
  }

  /** One change by id, or undefined. */
  async get(id: number): Promise<SettingChange | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row ? rowToChange(row) : undefined;
  }

  /**
   * The changes of the given variants (by resource ID), newest first: `limit` of them
   * below the id `before` (the cursor), and whether there are more.
   */
  async list(query: {
    cluster: string;
    namespace: string;
    resourceIds: string[];
    before?: number;
    limit: number;
  }): Promise<{ items: SettingChange[]; hasMore: boolean }> {
    if (query.resourceIds.length === 0) return { items: [], hasMore: false };
    const rows = await this.db(TABLE)
      .where({ cluster: query.cluster, namespace: query.namespace })
      .whereIn('resource_id', query.resourceIds)
      .modify(q => {
        if (query.before !== undefined) q.where('id', '<', query.before);
      })
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    return {
      items: rows.slice(0, query.limit).map(rowToChange),
      hasMore: rows.length > query.limit,
    };
  }

  /** The after-settings of the variant's latest successful change: the watch's baseline. */
  async lastSettings(
    cluster: string,
    namespace: string,
    resourceId: string,
  ): Promise<EditableSettings | undefined> {
    const row = await this.db(TABLE)
      .where({
        cluster,
        namespace,
        resource_id: resourceId,
        result: 'success',
      })
      .orderBy('id', 'desc')
      .first('after_settings');
    return row ? JSON.parse(row.after_settings) : undefined;
  }

  /** Deletes the changes recorded before `cutoff`; returns how many. */
  async prune(cutoff: Date): Promise<number> {
    return await this.db(TABLE)
      .where('created_at', '<', cutoff.toISOString())
      .delete();
  }
}

function rowToChange(row: any): SettingChange {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref ?? undefined,
    cluster: row.cluster,
    namespace: row.namespace,
    resourceId: row.resource_id,
    endpointName: row.endpoint,
    variantName: row.variant,
    before: JSON.parse(row.before_settings),
    after: JSON.parse(row.after_settings),
    actor: row.actor,
    source: row.source,
    result: row.result,
    message: row.message ?? undefined,
    createdAt: row.created_at,
  };
}
