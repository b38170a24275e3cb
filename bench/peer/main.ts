import './one-graphql';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { postgraphile } from 'postgraphile';

// PEER_DATABASE_URL=postgres://... PORT=4200 node --import tsx bench/peer/main.ts
//
// PostGraphile v4 as a second reference beside the floor: a generic GraphQL server over the
// same tables, in its own process with a pool of 10 like the API and the floor. It connects
// as the URL's user (the bench's superuser), so row-level security is bypassed, and it is
// given no JWT or pgSettings, so a query runs as one statement with no transaction: it pays
// for no token check and no tenant isolation (bench/README.md).
const databaseUrl = process.env.PEER_DATABASE_URL;
if (!databaseUrl) throw new Error('set PEER_DATABASE_URL');
// The API's session settings, so all three servers get the same plans.
const pool = new Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' });
const graphql = postgraphile(pool, 'public', {
  // Production settings: no GraphiQL, no schema watching, no per-query log line.
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  retryOnInitFail: false,
  // Reads only, with the smallest schema that expresses them.
  disableDefaultMutations: true,
  legacyRelations: 'omit',
  dynamicJson: true,
  setofFunctionsContainNulls: false,
});

async function main() {
  // Introspect before answering /health, so the harness never times the schema build.
  await graphql.getGraphQLSchema();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.end('ok');
      return;
    }
    void graphql(req, res);
  });
  server.listen(Number(process.env.PORT ?? 4200), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    void graphql.release().then(() => pool.end()).then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
