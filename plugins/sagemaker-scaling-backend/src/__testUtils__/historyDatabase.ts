import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SettingChangeStore } from '../history/SettingChangeStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * A fresh SQLite database (better-sqlite3, in memory) as the plugin's database service:
 * pass `database.factory` to a test backend, or the same one to two to share it.
 */
export async function historyDatabase() {
  const knex = await databases.init('SQLITE_3');
  const service = mockServices.database({ knex });
  return {
    knex,
    service,
    factory: mockServices.database.factory({ knex }),
    store: () => SettingChangeStore.create(service),
  };
}
