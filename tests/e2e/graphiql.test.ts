import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { createTestApp, tokenFor } from '../helpers/auth';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// .ci/run installs Debian's chromium; on a developer machine without it this file is
// skipped with a note rather than failing (set CI=true to make a missing browser fail).
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run should install it`);
const describeWithBrowser = haveBrowser ? describe : describe.skip;
if (!haveBrowser) console.warn(`GraphiQL end-to-end test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

let t: TestDatabase;
let server: Server;
let browser: Browser;
let baseUrl: string;
let token: string;
let athleteId: number;

beforeAll(async () => {
  if (!haveBrowser) return;
  t = await createTestDatabase();
  const orgId = await createOrganization(t.db, 'Browser Club', 'Europe/London');
  const adminId = await createUser(t.db, orgId, { role: 'admin', name: 'Browser Admin' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Gwen Graphiql', timezone: 'Asia/Kathmandu' });
  token = await tokenFor({ orgId, userId: adminId, role: 'ADMIN' });
  server = createServer(createTestApp(t.db, { graphiqlHeaders: JSON.stringify({ Authorization: `Bearer ${token}` }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  if (!haveBrowser) return;
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describeWithBrowser('GraphiQL, offline, in headless Chromium', () => {
  it('opens with the example operations and runs the Athletes list', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) external.push(request.url());
    });
    await page.goto(`${baseUrl}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText('Gwen Graphiql').waitFor({ timeout: 30_000 });
    expect(await response.innerText()).toContain('Asia/Kathmandu');
    expect(external).toEqual([]);
    await page.close();
  });

  it('runs the live feed subscription, and shows a run ingested from elsewhere as it commits', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    // As a coach would: a new tab, the subscription typed in.
    await page.locator('.graphiql-tab-add').click();
    // From the organization's first event (after: "0"): the run is seen however long the
    // browser takes to open the stream, before or after the write commits. A loaded machine
    // makes the editor ready late, and keys sent before are lost: type until it shows the text.
    const typed = page.locator('.graphiql-query-editor', { hasText: 'organizationEvents' });
    for (let attempt = 0; attempt < 10 && !(await typed.isVisible()); attempt++) {
      await page.locator('.graphiql-query-editor').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('subscription LiveFeed { organizationEvents(after: "0") { id kind athleteId runs { localDates inserted } } }');
      await typed.waitFor({ timeout: 3_000 }).catch(() => {});
    }
    await typed.waitFor({ timeout: 1_000 });
    // GraphiQL parses the text after a pause; run before it has, and it sends the first tab's
    // operation name ("Cannot infer operation AthletesList"): wait for the tab to take the new name.
    await page.locator('.graphiql-tab-active', { hasText: 'LiveFeed' }).waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    // Another terminal: the ingest mutation over HTTP.
    const ingest = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `mutation { ingestActivities(athleteId: "${athleteId}", activities: [{ source: "watch", externalId: "e2e-1", sport: "run", startTime: "2026-11-30T07:00:00Z", distance: 10000, movingTime: 3000 }]) { written } }` }),
    });
    expect((await ingest.json()).data.ingestActivities.written).toBe(1);
    const response = page.locator('.graphiql-response');
    await response.getByText('RUNS_CHANGED').waitFor({ timeout: 30_000 }).catch(async (error) => {
      // What the page showed, for a failure on a CI machine.
      throw new Error(`${(error as Error).message}\neditor: ${await page.locator('.graphiql-query-editor').innerText()}\nresponse: ${await response.innerText()}`);
    });
    expect(await response.innerText()).toContain('2026-11-30');
    await page.close();
  });
});
