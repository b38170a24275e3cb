import { getNamedType, isAbstractType, isObjectType, type GraphQLAbstractType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { schema } from '../../src/schema';
import type { Context } from '../../src/context';
import { guardedFields, onlyOwnAthlete } from '../../src/schema/own-data-plugin';

// Whatever field returns an Athlete, an athlete viewer gets only their own record: the
// OwnDataPlugin checks what each such field returns, before any of the Athlete's fields resolve.
const athlete = schema.getType('Athlete') as GraphQLObjectType;
const contextOf = (role: 'ATHLETE' | 'COACH', userId: number) => ({ viewer: { orgId: 1, userId, role } }) as unknown as Context;
const someoneElse = { id: 7, org_id: 1, name: 'Other', email: 'o@x', timezone: 'UTC' };

const fieldsReturningAthletes = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
  .flatMap((type) => Object.values(type.getFields()).filter((f) => getNamedType(f.type) === athlete).map((f) => `${type.name}.${f.name}`));

describe('fields that return Athletes, for an athlete viewer', () => {
  it('are all guarded', () => {
    expect(fieldsReturningAthletes.length).toBeGreaterThanOrEqual(8);
    expect([...guardedFields].sort()).toEqual([...fieldsReturningAthletes].sort());
  });

  it('include no union or interface that could hold an Athlete unguarded (the plugin matches the Athlete type itself)', () => {
    const abstractTypes = Object.values(schema.getTypeMap()).filter((type) => isAbstractType(type) && !type.name.startsWith('__'));
    expect(abstractTypes.filter((type) => schema.isSubType(type as GraphQLAbstractType, athlete)).map((type) => type.name)).toEqual([]);
  });

  it('refuse another athlete, whether returned as a row, an id, a list or a promise', async () => {
    const refused = 'Group.athletes is not available to athletes for another athlete: an athlete reads only their own data';
    expect(() => onlyOwnAthlete(someoneElse, 8, 'Group.athletes')).toThrow(refused);
    expect(() => onlyOwnAthlete(7, 8, 'Group.athletes')).toThrow(refused);
    expect(() => onlyOwnAthlete([{ id: 8 }, someoneElse], 8, 'Group.athletes')).toThrow(refused);
    await expect(onlyOwnAthlete(Promise.resolve(someoneElse), 8, 'Group.athletes')).rejects.toThrow(refused);
  });

  it('let an athlete have their own record, and nothing for nothing', async () => {
    expect(onlyOwnAthlete(someoneElse, 7, 'Viewer.athlete')).toBe(someoneElse);
    expect(onlyOwnAthlete(7, 7, 'Viewer.athlete')).toBe(7);
    expect(onlyOwnAthlete(null, 7, 'Viewer.athlete')).toBeNull();
    await expect(onlyOwnAthlete(Promise.resolve([someoneElse]), 7, 'Group.athletes')).resolves.toEqual([someoneElse]);
  });

  it('are checked in the built schema: an edge holding another athlete is refused to an athlete and given to staff', async () => {
    const node = (schema.getType('AthleteMetricsEdge') as GraphQLObjectType).getFields().node;
    const info = { fieldName: 'node', parentType: schema.getType('AthleteMetricsEdge'), returnType: node.type, path: { key: 'node' } } as unknown as GraphQLResolveInfo;
    const resolveAs = async (role: 'ATHLETE' | 'COACH') => node.resolve!({ node: someoneElse, cursor: '' }, {}, contextOf(role, 8), info);
    await expect(resolveAs('ATHLETE')).rejects.toThrow('AthleteMetricsEdge.node is not available to athletes');
    await expect(resolveAs('COACH')).resolves.toBe(someoneElse);
  });
});

describe('fields that expose a property of their own name', () => {
  it('have no resolver: graphql-jit reads the property', () => {
    const stats = (schema.getType('Stats') as GraphQLObjectType).getFields();
    expect(stats.totalDistance.resolve).toBeUndefined();
    expect(athlete.getFields().name.resolve).toBeUndefined();
    expect(athlete.getFields().unitSystem.resolve).toBeDefined();
  });
});
