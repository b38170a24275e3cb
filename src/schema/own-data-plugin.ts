import SchemaBuilder, { BasePlugin, isThenable, type PothosOutputFieldConfig, type PothosOutputFieldType, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { AppError } from '../errors';
import type { Context } from '../context';

/** `Type.field` of every field that returns Athletes, each checked by the plugin (a test compares it with the schema). */
export const guardedFields = new Set<string>();

const returnsAthlete = (type: PothosOutputFieldType<SchemaTypes>): boolean =>
  type.kind === 'List' ? returnsAthlete(type.type) : type.kind === 'Object' && (type.ref as { name?: string }).name === 'Athlete';

/**
 * What a field returned, checked for an athlete viewer: an Athlete (a row, or an id a loader
 * turns into one), a list of them, or a promise of either. Anything but the viewer's own
 * record is FORBIDDEN.
 */
export function onlyOwnAthlete(value: unknown, userId: number, coordinate: string): unknown {
  if (isThenable(value)) return Promise.resolve(value).then((v) => onlyOwnAthlete(v, userId, coordinate));
  if (Array.isArray(value)) return value.map((v) => onlyOwnAthlete(v, userId, coordinate));
  if (value === null || value === undefined || value instanceof Error) return value;
  const id = typeof value === 'object' ? (value as { id?: unknown }).id : value;
  if (Number(id) !== userId) throw new AppError('FORBIDDEN', `${coordinate} is not available to athletes for another athlete: an athlete reads only their own data`);
  return value;
}

/**
 * Defence in depth for the ATHLETE role: whatever field returns an Athlete, an athlete viewer
 * gets only their own record, checked before any of its fields resolve. The check sits on the
 * fields that return Athletes, not on every Athlete field: around each field it had cost a
 * resolver call and a resolve info per field of a thousand-athlete list (bench/README.md).
 * For staff it costs one comparison per field that returns Athletes. The field's own resolver
 * runs first, so such resolvers only hand over ids or rows already read, and the root fields
 * that take an athlete id (`Query.athlete`) check their scope before any lookup.
 */
export class OwnDataPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!returnsAthlete(fieldConfig.type as PothosOutputFieldType<SchemaTypes>)) return resolver;
    const coordinate = `${fieldConfig.parentType}.${fieldConfig.name}`;
    guardedFields.add(coordinate);
    return (parent, args, context, info) => {
      const result = resolver(parent, args, context, info);
      const { viewer } = context as Context;
      return viewer.role === 'ATHLETE' ? onlyOwnAthlete(result, viewer.userId, coordinate) : result;
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      ownData: OwnDataPlugin<Types>;
    }
  }
}

const pluginName = 'ownData';
SchemaBuilder.registerPlugin(pluginName, OwnDataPlugin);
export default pluginName;
