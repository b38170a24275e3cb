import Module from 'node:module';
import { dirname, join } from 'node:path';

// PostGraphile v4 needs graphql 15 and the project has 16, so npm nests a copy of 15 under
// postgraphile and another under graphile-build-pg, and a schema built with one is refused
// by the other ("Cannot use GraphQLObjectType from another module or realm"). In the peer
// process nothing else uses graphql: every `graphql` and `graphql/...` resolves to the copy
// under postgraphile, as one flat install of PostGraphile alone would. Import this first.
const graphql15 = dirname(require.resolve('graphql/package.json', { paths: [dirname(require.resolve('postgraphile/package.json'))] }));
const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  const target = request === 'graphql' ? graphql15 : request.startsWith('graphql/') ? join(graphql15, request.slice('graphql/'.length)) : request;
  return resolve.call(this, target, ...rest);
};
