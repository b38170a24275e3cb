import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { AppError } from '../errors';
import type { Context } from '../context';

/**
 * Defence in depth for the ATHLETE role: whatever field returns an Athlete, an athlete
 * viewer reads only their own. A plain synchronous check wrapped around every Athlete field;
 * scope-auth's type-level authScopes did the same through its per-field steps and promises,
 * 15% of the Athletes list's time for a thousand athletes (bench/README.md).
 */
export class OwnDataPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType !== 'Athlete') return resolver;
    return (parent, args, context, info) => {
      const { viewer } = context as Context;
      if (viewer.role === 'ATHLETE' && (parent as { id: number }).id !== viewer.userId) {
        throw new AppError('FORBIDDEN', `Athlete.${info.fieldName} is not available to athletes: an athlete reads only their own data`);
      }
      return resolver(parent, args, context, info);
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
