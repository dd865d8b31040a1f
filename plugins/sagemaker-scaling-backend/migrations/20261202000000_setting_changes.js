/**
 * The change history of variants' scaling settings: one row per change, made through
 * the plugin (source 'backstage' or 'revert') or out of band (the watch saw it).
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('setting_changes', table => {
    table.increments('id').primary();
    // Several replicas watching one cluster insert the same out-of-band change: once.
    table.string('change_key', 512).notNullable().unique();
    table.string('entity_ref', 255).nullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('resource_id', 512).notNullable();
    table.string('endpoint', 255).notNullable();
    table.string('variant', 255).notNullable();
    table.text('before_settings').notNullable();
    table.text('after_settings').notNullable();
    table.string('actor', 255).notNullable();
    table.string('source', 32).notNullable();
    table.string('result', 16).notNullable();
    table.text('message').nullable();
    // ISO 8601 UTC text: sorts and compares the same in SQLite and PostgreSQL.
    table.string('created_at', 32).notNullable();
    table.index(
      ['cluster', 'namespace', 'resource_id', 'id'],
      'setting_changes_variant_idx',
    );
    table.index(['created_at'], 'setting_changes_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('setting_changes');
};
