import { statementName } from '../../src/observability/statement-name';

describe('statement names', () => {
  it.each([
    ['select "a"."id" from "athletes" as "a" where "a"."org_id" = $1', 'select athletes'],
    ['  SELECT x FROM public.activity_daily d join users u on true', 'select activity_daily'],
    ['insert into "activities" ("org_id", "athlete_id") values ($1, $2), ($3, $4)', 'insert activities'],
    ['update "users" set "name" = $1 where "id" = $2', 'update users'],
    ['delete from "labels" where "org_id" = $1', 'delete labels'],
    ['with recent as (select * from "activities") select * from recent', 'with activities'],
    ["start transaction read only;\n select set_config('role', 'stride_app', true)", 'begin'],
    ['begin', 'begin'],
    ['commit', 'commit'],
    ['rollback', 'rollback'],
    ["select set_config('app.org_id', $1, true)", 'select'],
    ['', 'statement'],
    ['\n  -- why it is built so\n  /* and how */ with today as materialized (select 1) select * from "activity_daily"', 'with activity_daily'],
    ['(select 1 from "users") union all (select 2 from "labels")', 'select users'],
  ])('%s is %s', (sql, name) => {
    expect(statementName(sql)).toBe(name);
  });

  it('names a statement the same whatever the length of its id list', () => {
    expect(statementName('select * from "users" where "id" in ($1)')).toBe(statementName('select * from "users" where "id" in ($1, $2, $3, $4)'));
  });
});
