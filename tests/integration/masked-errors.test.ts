import { createDatabase, type DatabaseHandle } from '../../src/db/client';
import { createScratchDatabase } from '../helpers/database';
import { createTestApp, tokenFor } from '../helpers/auth';
import { execute } from '../helpers/graphql';

// An unexpected error (here: a database with no tables) is masked without its stack or SQL,
// even under NODE_ENV=development, where yoga would otherwise add the original error.
let handle: DatabaseHandle;
let drop = async () => {};
const nodeEnv = process.env.NODE_ENV;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'stride_masked');
    drop = scratch.drop;
    handle = await createDatabase({ databaseUrl: scratch.url, dataDir: 'memory', poolSize: 1 });
  } else {
    handle = await createDatabase({ dataDir: 'memory' });
  }
  process.env.NODE_ENV = 'development';
});

afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  await handle.close();
  await drop();
});

it('masks an unexpected error with no stack or SQL under NODE_ENV=development', async () => {
  const app = createTestApp(handle.db, { databaseIsolation: false });
  const result = await execute(app, await tokenFor({ orgId: 1, userId: 1, role: 'ADMIN' }), '{ organization { name } }');
  const body = JSON.stringify(result);
  expect(result.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(body).not.toMatch(/stack|originalError|relation|organizations|select/i);
});
