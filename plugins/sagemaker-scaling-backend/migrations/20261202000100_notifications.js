// @ts-check

/**
 * Owner notifications: one row per entity+finding scope that is open (seen, and maybe
 * notified), so one replica sends each start and end once, and a restart does not resend.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sagemaker_scaling_open_notifications', t => {
    t.comment('Findings owners are (or are about to be) notified of');
    t.string('scope', 512)
      .primary()
      .notNullable()
      .comment('entity ref + finding code');
    t.string('entity_ref', 512).notNullable();
    t.string('code', 64).notNullable();
    t.bigInteger('first_seen_ms')
      .notNullable()
      .comment('when the finding started, epoch ms');
    t.bigInteger('notified_ms')
      .nullable()
      .comment('when its start was sent, epoch ms');
    t.index(['entity_ref'], 'sagemaker_scaling_open_notifications_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sagemaker_scaling_open_notifications');
};
