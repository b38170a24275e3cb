import { createFloorServer } from './server';

// FLOOR_DATABASE_URL=postgres://... FLOOR_ORG_ID=1 PORT=4100 node --import tsx bench/floor/main.ts
const databaseUrl = process.env.FLOOR_DATABASE_URL;
const orgId = Number(process.env.FLOOR_ORG_ID);
if (!databaseUrl || !Number.isInteger(orgId)) throw new Error('set FLOOR_DATABASE_URL and FLOOR_ORG_ID');
const { server, close } = createFloorServer({ databaseUrl, orgId, poolSize: 10 });
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1');
process.once('SIGTERM', () => void close().then(() => process.exit(0)));
