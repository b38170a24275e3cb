import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';

/**
 * A field that exposes the parent's property of its own name gets no resolver of its own, so
 * graphql-jit compiles it to a property read instead of a call with a resolve info (tens of
 * thousands of calls in a thousand-athlete list, bench/README.md). Listed last among the
 * plugins, it sees the field's own resolver first; the others still wrap what it returns.
 */
export class DirectFieldsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    return fieldConfig.extensions?.pothosExposedField === fieldConfig.name ? defaultFieldResolver : resolver;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      directFields: DirectFieldsPlugin<Types>;
    }
  }
}

const pluginName = 'directFields';
SchemaBuilder.registerPlugin(pluginName, DirectFieldsPlugin);
export default pluginName;
