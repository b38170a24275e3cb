import { isNonNullType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { schema } from '../../src/schema';
import type { Context } from '../../src/context';

// Every Athlete field refuses an athlete viewer another athlete's data, before any loader or
// SQL runs: the check the OwnDataPlugin wraps around each field, whichever field led there.
const athlete = schema.getType('Athlete') as GraphQLObjectType;
const contextOf = (role: 'ATHLETE' | 'COACH', userId: number) => ({ viewer: { orgId: 1, userId, role } }) as unknown as Context;
const someoneElse = { id: 7, org_id: 1, name: 'Other', email: 'o@x', timezone: 'UTC' };

describe('Athlete fields for an athlete viewer', () => {
  const fields = Object.values(athlete.getFields());

  it('covers the whole type', () => {
    expect(fields.length).toBeGreaterThan(20);
  });

  it.each(fields.map((f) => [f.name, f] as const))('%s refuses another athlete', (name, field) => {
    const info = { fieldName: name, parentType: athlete, returnType: field.type } as unknown as GraphQLResolveInfo;
    expect(() => field.resolve!(someoneElse, {}, contextOf('ATHLETE', 8), info)).toThrow(`Athlete.${name} is not available to athletes`);
  });

  it('lets the athlete read their own fields and staff read anyone', () => {
    const name = athlete.getFields().name;
    const info = { fieldName: 'name', parentType: athlete, returnType: name.type } as unknown as GraphQLResolveInfo;
    expect(isNonNullType(name.type)).toBe(true);
    expect(name.resolve!(someoneElse, {}, contextOf('ATHLETE', 7), info)).toBe('Other');
    expect(name.resolve!(someoneElse, {}, contextOf('COACH', 2), info)).toBe('Other');
  });
});

describe('fields that expose a property of their own name', () => {
  it('have no resolver (graphql-jit reads the property), except on Athlete, which keeps its guard', () => {
    const stats = (schema.getType('Stats') as GraphQLObjectType).getFields();
    expect(stats.totalDistance.resolve).toBeUndefined();
    expect(athlete.getFields().name.resolve).toBeDefined();
  });
});
