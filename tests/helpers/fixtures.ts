import type { Insertable, Kysely } from 'kysely';
import type { AthleteSettingsTable, Database, Role } from '../../src/db/types';

// Small, explicit fixtures: each test states the rows it depends on.

export async function createOrganization(db: Kysely<Database>, name: string, timezone = 'UTC'): Promise<number> {
  const row = await db.insertInto('organizations').values({ name, timezone }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function createUser(
  db: Kysely<Database>,
  orgId: number,
  user: { role: Role; name: string; email?: string; timezone?: string | null; sex?: 'male' | 'female' | null },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      org_id: orgId,
      role: user.role,
      name: user.name,
      email: user.email ?? `${user.name.toLowerCase().replace(/\W+/g, '.')}.${orgId}@test.example`,
      timezone: user.timezone ?? null,
      sex: user.sex ?? null,
      unit_system: 'metric',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setAthleteSettings(
  db: Kysely<Database>,
  orgId: number,
  athleteId: number,
  settings: Omit<Insertable<AthleteSettingsTable>, 'org_id' | 'athlete_id'>,
): Promise<void> {
  await db.insertInto('athlete_settings').values({ org_id: orgId, athlete_id: athleteId, ...settings }).execute();
}

export async function assignCoach(db: Kysely<Database>, orgId: number, coachId: number, athleteId: number): Promise<void> {
  await db.insertInto('coach_assignments').values({ org_id: orgId, coach_id: coachId, athlete_id: athleteId }).execute();
}

export async function labelAthlete(db: Kysely<Database>, orgId: number, athleteId: number, labelName: string): Promise<number> {
  const label = await db
    .insertInto('labels')
    .values({ org_id: orgId, name: labelName })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({ name: labelName }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('athlete_labels').values({ org_id: orgId, athlete_id: athleteId, label_id: label.id }).execute();
  return label.id;
}
