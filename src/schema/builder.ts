import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import OwnDataPlugin from './own-data-plugin';
import DirectFieldsPlugin from './direct-fields-plugin';
import { DateTimeResolver } from 'graphql-scalars';
import { DateScalar, TimeZoneScalar, TimestampScalar } from './scalars';
import type { Context } from '../context';
import { AppError } from '../errors';

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: {
    /** Admins and coaches: read the whole organization. */
    staff: boolean;
    admin: boolean;
    /** The viewer is this athlete. */
    self: number;
  };
  // Fields are non-null unless they say otherwise: clients can trust a missing value means null.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    TimeZone: { Input: string; Output: string };
    Timestamp: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ScopeAuthPlugin, DataloaderPlugin, RelayPlugin, OwnDataPlugin, DirectFieldsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are authorized when they start: a feed refused is refused before it opens.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      staff: ctx.viewer.role === 'ADMIN' || ctx.viewer.role === 'COACH',
      admin: ctx.viewer.role === 'ADMIN',
      self: (athleteId: number) => ctx.viewer.role === 'ATHLETE' && ctx.viewer.userId === athleteId,
    }),
    unauthorizedError: (_parent, ctx, info) =>
      new AppError(
        'FORBIDDEN',
        ctx.viewer.role === 'ATHLETE'
          ? `${info.parentType.name}.${info.fieldName} is not available to athletes: an athlete reads only their own data`
          : `${info.parentType.name}.${info.fieldName} is not available to role ${ctx.viewer.role}`,
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are plain numeric database ids; there is no global Node lookup.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false, description: "This page's items, in the connection's order; at most `first` of them." },
    nodeFieldOptions: { nullable: false, description: 'The item itself.' },
    // Descriptions of the generated Relay types and fields, shown in GraphiQL.
    cursorFieldOptions: { description: "This item's opaque cursor: pass it as `after` to get the items that follow it." },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list, and the cursor to ask for the next page.' },
    pageInfoTypeOptions: { description: 'Relay paging state of one page of a connection.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page: ask again with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'True when this page was asked for with `after` (items come before it).' },
    startCursorFieldOptions: { description: "The first item's cursor; null for an empty page." },
    endCursorFieldOptions: { description: "The last item's cursor, to pass as `after` for the next page; null for an empty page." },
    mutationInputArgOptions: { description: "The mutation's input; each input field says its range. A value out of range is BAD_USER_INPUT naming the field." },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('TimeZone', TimeZoneScalar);
builder.addScalarType('Timestamp', TimestampScalar);

builder.queryType({ description: 'Reads. Every answer is scoped to the viewer\'s organization and role (docs/api.md, Identity and roles); units are metres and seconds, dates local days (docs/metrics.md).' });
