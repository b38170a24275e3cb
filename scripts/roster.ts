import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { openScriptDatabase } from './database';
import { insightGenerators } from '../src/domain/insights';
import { formatReport, importRoster } from '../src/ingest/roster-csv';

// npm run roster -- import roster.csv [--org ID] [--as ADMIN_EMAIL] [--dry-run]
// Adds and updates athletes, labels, groups and coach assignments from a CSV (layout:
// docs/api.md, Bulk onboarding; example: docs/roster-example.csv), all or nothing, in one
// transaction as the app role for the organization. --org defaults to the first
// organization; --as names the admin the settings changes are logged as made by (default:
// the organization's first admin). Exit 0 with a summary; 1 with every bad row. With the embedded database,
// stop the server first (one PGlite data folder serves one process).
async function main() {
  const { values, positionals } = parseArgs({
    options: { org: { type: 'string' }, as: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [command, file, ...rest] = positionals;
  if (command !== 'import' || !file || rest.length) throw new Error('usage: npm run roster -- import <roster.csv> [--org ID] [--as ADMIN_EMAIL] [--dry-run]');
  const orgArg = values.org === undefined ? undefined : Number(values.org);
  if (orgArg !== undefined && (!Number.isSafeInteger(orgArg) || orgArg < 1)) throw new Error('--org must be an organization id');
  const config = loadConfig();
  const handle = await openScriptDatabase(config);
  try {
    let query = handle.db.selectFrom('organizations').select(['id', 'name']).orderBy('id');
    if (orgArg !== undefined) query = query.where('id', '=', orgArg);
    const orgs = await query.limit(2).execute();
    if (orgs.length === 0) throw new Error(orgArg !== undefined ? `no organization ${orgArg}` : 'no organization: seed the database or create one first');
    const org = orgs[0];
    const first = orgArg === undefined && orgs.length > 1 ? ' (the first of several: --org chooses)' : '';
    console.log(`organization ${org.id} (${org.name})${first}`);
    const report = await importRoster(handle.db, org.id, createReadStream(file), {
      statementTimeoutMs: config.statementTimeoutMs,
      generator: insightGenerators[config.insightGenerator],
      dryRun: values['dry-run'],
      asEmail: values.as,
    });
    const lines = formatReport(report, path.basename(file));
    for (const line of lines) (report.ok ? console.log : console.error)(line);
    if (!report.ok) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
