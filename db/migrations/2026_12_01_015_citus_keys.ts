import { sql, type Kysely } from 'kysely';

// Frozen in time. Two things Citus would refuse when the tenant tables are distributed by
// org_id (issue 20, docs/scale-out.md; tests/integration/citus-layout.test.ts finds them):
//
// - athlete_signal_mutes.muted_by kept its author with ON DELETE SET NULL (muted_by) on a key
//   that includes org_id, which Citus refuses in any spelling. NO ACTION would break deleting
//   an organization (its cascade can reach a coach before the mutes the coach set), CASCADE would
//   drop a mute with its author. The key goes: the author is the viewer's own user, and the
//   read joins users and already shows no author when the user is gone, as SET NULL did.
// - organization_data_version_marks has no primary key (one would make a club's writers
//   queue at their first write instead of at COMMIT, migration 013), so a shard move could
//   not replicate its deletes online. Its rows live only inside a writing transaction, so
//   REPLICA IDENTITY FULL costs nothing there (and nothing at all below wal_level logical).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table athlete_signal_mutes drop constraint athlete_signal_mutes_muted_by_fk`.execute(db);
  await sql`alter table organization_data_version_marks replica identity full`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organization_data_version_marks replica identity default`.execute(db);
  await sql`
    update athlete_signal_mutes m set muted_by = null
    where m.muted_by is not null and not exists (select 1 from users u where u.org_id = m.org_id and u.id = m.muted_by)`.execute(db);
  await sql`alter table athlete_signal_mutes add constraint athlete_signal_mutes_muted_by_fk
    foreign key (org_id, muted_by) references users (org_id, id) on delete set null (muted_by)`.execute(db);
}
