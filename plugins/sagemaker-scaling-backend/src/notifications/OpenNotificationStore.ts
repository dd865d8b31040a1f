import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const TABLE = 'sagemaker_scaling_open_notifications';

/** A finding seen open for an entity; `notifiedMs` once its owners were told. @internal */
export interface OpenNotification {
  scope: string;
  entityRef: string;
  code: string;
  firstSeenMs: number;
  notifiedMs?: number;
}

/**
 * The open findings per notification scope, in the plugin's database. Every change is one
 * conditional statement whose row count says who won, so of several replicas (or a
 * restarted one) exactly one sends each start and each end.
 * @internal
 */
export class OpenNotificationStore {
  static async create(
    database: DatabaseService,
  ): Promise<OpenNotificationStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await migrateWithRetry(db);
    }
    return new OpenNotificationStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** The open rows of these entities. */
  async openFor(entityRefs: string[]): Promise<OpenNotification[]> {
    const rows: any[] = [];
    // Bounded IN lists (SQLite allows ~1000 parameters).
    for (let i = 0; i < entityRefs.length; i += 500) {
      rows.push(
        ...(await this.db(TABLE).whereIn(
          'entity_ref',
          entityRefs.slice(i, i + 500),
        )),
      );
    }
    return rows.map(r => ({
      scope: r.scope,
      entityRef: r.entity_ref,
      code: r.code,
      firstSeenMs: Number(r.first_seen_ms),
      notifiedMs: r.notified_ms === null ? undefined : Number(r.notified_ms),
    }));
  }

  /** Records a finding as open from `firstSeenMs`, unless it already is. */
  async open(row: Omit<OpenNotification, 'notifiedMs'>): Promise<void> {
    await this.db(TABLE)
      .insert({
        scope: row.scope,
        entity_ref: row.entityRef,
        code: row.code,
        first_seen_ms: row.firstSeenMs,
        notified_ms: null,
      })
      .onConflict('scope')
      .ignore();
  }

  /** Marks the start as sent; true for the one caller that should send it. */
  async claimStart(scope: string, nowMs: number): Promise<boolean> {
    const n = await this.db(TABLE)
      .where({ scope })
      .whereNull('notified_ms')
      .update({ notified_ms: nowMs });
    return n === 1;
  }

  /** Gives a claimed start back, when sending it failed. */
  async releaseStart(scope: string): Promise<void> {
    await this.db(TABLE).where({ scope }).update({ notified_ms: null });
  }

  /** Closes the finding; true for the one caller that should send its end (it was notified). */
  async close(scope: string): Promise<boolean> {
    const notified = await this.db(TABLE)
      .where({ scope })
      .whereNotNull('notified_ms')
      .delete();
    if (notified === 1) return true;
    await this.db(TABLE).where({ scope }).delete();
    return false;
  }
}

/** Runs the plugin's migrations; another store of the plugin may be running them at the same moment. */
async function migrateWithRetry(db: Knex) {
  const directory = resolvePackagePath(
    '@mlplatform/plugin-sagemaker-scaling-backend',
    'migrations',
  );
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory });
      return;
    } catch (e) {
      if (attempt >= 20 || !/lock/i.test(String(e))) throw e;
      await new Promise(r => setTimeout(r, 250));
    }
  }
}
