import { Client } from 'pg';
import { startEmbedded } from '../../src/db/embedded';
import { isDatabaseUnavailable } from '../../src/db/availability';

// The embedded database lives in the server's process: when its socket server stops
// without being asked, nothing can bring it back, so src/main.ts exits non-zero for a
// supervisor (onEmbeddedFailure). Only on the embedded run (the PostgreSQL run's
// counterpart is database-restart.test.ts).
const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

describeEmbedded('the embedded database failing', () => {
  it('reports its socket server closing unasked, and not an asked-for stop', async () => {
    const unexpected: string[] = [];
    const embedded = await startEmbedded('memory', { onUnexpectedStop: () => unexpected.push('stopped') });
    const client = new Client({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    client.on('error', () => {});

    await embedded.socketServer.stop();
    expect(unexpected).toEqual(['stopped']);
    const refused = await new Client({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres' }).connect().catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    await client.end().catch(() => {});

    const asked: string[] = [];
    const second = await startEmbedded('memory', { onUnexpectedStop: () => asked.push('stopped') });
    await second.stop();
    expect(asked).toEqual([]);
    await embedded.stop();
  });
});
