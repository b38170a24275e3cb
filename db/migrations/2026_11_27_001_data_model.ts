import { Kysely, sql } from 'kysely';

// Frozen in time: this file imports nothing from src/ and is never edited after it lands.
// Every tenant table carries org_id, and every primary or unique key includes it,
// so the data can later be distributed by org_id without a redesign.

const zoneColumns = (prefix: 'pace' | 'hr') =>
  [1, 2, 3, 4, 5].map((zone) => `${prefix}_z${zone}_s`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'coach', 'athlete')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('unit_system', 'text', (c) => c.check(sql`unit_system in ('metric', 'imperial')`))
    .addColumn('sex', 'text', (c) => c.check(sql`sex in ('male', 'female')`))
    .addColumn('birth_year', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('users_pk', ['org_id', 'id'])
    .addUniqueConstraint('users_email_uq', ['org_id', 'email'])
    .execute();
  await db.schema.createIndex('users_org_role_name_idx').on('users').columns(['org_id', 'role', 'name']).execute();

  await db.schema
    .createTable('coach_assignments')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('coach_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_assignments_pk', ['org_id', 'athlete_id', 'coach_id'])
    .addForeignKeyConstraint('coach_assignments_coach_fk', ['org_id', 'coach_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('coach_assignments_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('coach_assignments_coach_idx').on('coach_assignments').columns(['org_id', 'coach_id']).execute();

  await db.schema
    .createTable('labels')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('labels_pk', ['org_id', 'id'])
    .addUniqueConstraint('labels_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('athlete_labels')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('label_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('athlete_labels_pk', ['org_id', 'athlete_id', 'label_id'])
    .addForeignKeyConstraint('athlete_labels_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('athlete_labels_label_fk', ['org_id', 'label_id'], 'labels', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('athlete_labels_label_idx').on('athlete_labels').columns(['org_id', 'label_id']).execute();

  await db.schema
    .createTable('groups')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('groups_pk', ['org_id', 'id'])
    .addUniqueConstraint('groups_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('group_members_pk', ['org_id', 'group_id', 'athlete_id'])
    .addForeignKeyConstraint('group_members_group_fk', ['org_id', 'group_id'], 'groups', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('group_members_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('group_members_athlete_idx').on('group_members').columns(['org_id', 'athlete_id']).execute();

  await db.schema
    .createTable('athlete_settings')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('vdot', 'double precision')
    .addColumn('hr_max', 'integer')
    .addColumn('hr_rest', 'integer')
    .addColumn('threshold_pace_s_per_km', 'double precision')
    .addColumn('pace_zones', 'jsonb')
    .addColumn('hr_zones', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('athlete_settings_pk', ['org_id', 'athlete_id'])
    .addForeignKeyConstraint('athlete_settings_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('training_plans')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('total_weeks', 'integer', (c) => c.notNull().check(sql`total_weeks > 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'completed', 'archived')`))
    .addPrimaryKeyConstraint('training_plans_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('training_plans_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('training_plans_group_fk', ['org_id', 'group_id'], 'groups', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('training_plans_athlete_idx').on('training_plans').columns(['org_id', 'athlete_id', 'status']).execute();

  await db.schema
    .createTable('planned_workouts')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('planned_distance_m', 'double precision')
    .addColumn('planned_duration_s', 'integer')
    .addColumn('completed_activity_id', 'bigint')
    .addPrimaryKeyConstraint('planned_workouts_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('planned_workouts_plan_fk', ['org_id', 'plan_id'], 'training_plans', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('planned_workouts_plan_date_idx').on('planned_workouts').columns(['org_id', 'plan_id', 'date']).execute();

  await db.schema
    .createTable('goal_races')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('race_date', 'date', (c) => c.notNull())
    .addColumn('distance_m', 'double precision', (c) => c.notNull().check(sql`distance_m > 0`))
    .addColumn('goal_time_s', 'integer')
    .addPrimaryKeyConstraint('goal_races_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('goal_races_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('goal_races_athlete_date_idx').on('goal_races').columns(['org_id', 'athlete_id', 'race_date']).execute();

  await db.schema
    .createTable('integrations')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('strava', 'garmin', 'apple_health')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('connected', 'disconnected', 'error')`))
    .addColumn('last_sync_at', 'timestamptz')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('integrations_pk', ['org_id', 'athlete_id', 'provider'])
    .addForeignKeyConstraint('integrations_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'bigint', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('sport', 'text', (c) => c.notNull().defaultTo('run'))
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    // Zone the device recorded; local_date below is in the athlete's profile zone.
    .addColumn('timezone', 'text')
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('distance_m', 'double precision', (c) => c.notNull())
    .addColumn('moving_s', 'integer', (c) => c.notNull())
    .addColumn('elapsed_s', 'integer', (c) => c.notNull())
    .addColumn('avg_hr', 'double precision')
    .addColumn('max_hr', 'double precision')
    .addColumn('calories', 'double precision')
    .addColumn('elevation_gain_m', 'double precision')
    .addColumn('training_load', 'double precision')
    .addColumn('load_method', 'text', (c) => c.check(sql`load_method in ('trimp', 'pace')`))
    .$call((t) => zoneColumns('pace').reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0)), t))
    .$call((t) => zoneColumns('hr').reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0)), t))
    .addColumn('source_updated_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('activities_pk', ['org_id', 'id'])
    .addUniqueConstraint('activities_source_uq', ['org_id', 'source', 'external_id'])
    .addForeignKeyConstraint('activities_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  // Covering index: org-wide totals and latest-per-athlete read only the index.
  await sql`create index activities_athlete_time_idx on activities (org_id, athlete_id, start_time)
    include (distance_m, moving_s, training_load, local_date) where deleted_at is null`.execute(db);
  await db.schema.createIndex('activities_athlete_date_idx').on('activities').columns(['org_id', 'athlete_id', 'local_date']).execute();

  await db.schema
    .createTable('activity_daily')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull())
    .addColumn('distance_m', 'double precision', (c) => c.notNull())
    .addColumn('moving_s', 'integer', (c) => c.notNull())
    .addColumn('elapsed_s', 'integer', (c) => c.notNull())
    .addColumn('training_load', 'double precision', (c) => c.notNull())
    .addColumn('calories', 'double precision', (c) => c.notNull())
    .addColumn('elevation_gain_m', 'double precision', (c) => c.notNull())
    .addColumn('longest_run_m', 'double precision', (c) => c.notNull())
    // Weighted HR: sum(avg_hr * moving_s) and sum(moving_s) over runs that have HR.
    .addColumn('hr_sum', 'double precision', (c) => c.notNull())
    .addColumn('hr_s', 'integer', (c) => c.notNull())
    .$call((t) => zoneColumns('pace').reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull()), t))
    .$call((t) => zoneColumns('hr').reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull()), t))
    .addPrimaryKeyConstraint('activity_daily_pk', ['org_id', 'athlete_id', 'local_date'])
    .addForeignKeyConstraint('activity_daily_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('health_daily')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('resting_hr', 'double precision')
    .addColumn('hrv_rmssd_ms', 'double precision')
    .addColumn('vo2max', 'double precision')
    .addColumn('recovery_score', 'double precision')
    .addColumn('sleep_s', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('health_daily_pk', ['org_id', 'athlete_id', 'local_date'])
    .addForeignKeyConstraint('health_daily_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('athlete_fitness')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('athlete_id', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('ctl', 'double precision', (c) => c.notNull())
    .addColumn('atl', 'double precision', (c) => c.notNull())
    .addColumn('tsb', 'double precision', (c) => c.notNull())
    .addColumn('ctl_days', 'integer', (c) => c.notNull().defaultTo(42))
    .addColumn('atl_days', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('ramp_rate', 'double precision')
    .addColumn('vo2max', 'double precision')
    .addColumn('resting_hr', 'double precision')
    .addColumn('hrv_7d', 'double precision')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('athlete_fitness_pk', ['org_id', 'athlete_id'])
    .addForeignKeyConstraint('athlete_fitness_athlete_fk', ['org_id', 'athlete_id'], 'users', ['org_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('insights')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('id', 'bigint', (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`subject in ('athlete', 'group')`))
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('activity', 'weekly', 'group')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('activity_id', 'bigint')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('generator', 'text', (c) => c.notNull())
    .addColumn('generator_version', 'text', (c) => c.notNull())
    // Fingerprint of the numbers the text was written from: a changed week regenerates it.
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('insights_pk', ['org_id', 'id'])
    .addUniqueConstraint('insights_subject_uq', ['org_id', 'subject', 'subject_id', 'kind', 'period_start', 'activity_id'], (c) =>
      c.nullsNotDistinct(),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'insights', 'athlete_fitness', 'health_daily', 'activity_daily', 'activities', 'integrations',
    'goal_races', 'planned_workouts', 'training_plans', 'athlete_settings', 'group_members', 'groups',
    'athlete_labels', 'labels', 'coach_assignments', 'users', 'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
