import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, LocalDateResolver, TimeZoneResolver } from 'graphql-scalars';
import type { Context } from '../context';

export const builder = new SchemaBuilder<{
  Context: Context;
  // Fields are non-null unless they say otherwise: clients can trust a missing value means null.
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    TimeZone: { Input: string; Output: string };
  };
}>({
  plugins: [DataloaderPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are plain numeric database ids; there is no global Node lookup.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', LocalDateResolver, {
  description: 'A local calendar date, yyyy-MM-dd, with no time zone.',
});
builder.addScalarType('TimeZone', TimeZoneResolver, { description: 'An IANA time zone name, e.g. Europe/London.' });

builder.queryType({});
