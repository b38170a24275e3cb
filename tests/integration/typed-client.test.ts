import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// A typed client that just works (issue 16): the generated documents compile in an ES-module
// client under NodeNext resolution and under bundler resolution, and the custom scalars have
// real types (a Timestamp variable given a string is a type error).

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);
let dir: string;

const CLIENT = `
import { AthleteStatsDocument, AthleteSummaryDocument, type AthleteStatsQueryVariables } from './generated/graphql.js';
import { graphql } from './generated/index.js';

const variables: AthleteStatsQueryVariables = { id: '1', from: 1_767_225_600, to: 1_798_761_599, monthStart: '2026-11-01', monthEnd: '2026-11-30' };
export const requests = [
  { document: AthleteStatsDocument, variables },
  { document: AthleteSummaryDocument, variables: { id: '1' } },
];
export const viewer = graphql('query Me { viewer { role } }');
`;

async function compile(options: Record<string, string>): Promise<{ code: number; output: string }> {
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, ...options },
    include: ['client.ts', 'generated'],
  }));
  try {
    await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
    return { code: 0, output: '' };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: `${failure.stdout}${failure.stderr}` };
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'stride-client-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'client', type: 'module' }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  cpSync(path.join(ROOT, 'operations', '__generated__'), path.join(dir, 'generated'), { recursive: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
  ['bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
])('compiles an ES-module client under %s resolution', async (_name, options) => {
  writeFileSync(path.join(dir, 'client.ts'), CLIENT);
  expect(await compile(options)).toEqual({ code: 0, output: '' });
}, 60_000);

it('types Timestamp variables as numbers, not unknown', async () => {
  writeFileSync(path.join(dir, 'client.ts'), CLIENT.replace('from: 1_767_225_600', "from: '2026-01-01'"));
  const result = await compile({ module: 'NodeNext', moduleResolution: 'NodeNext' });
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/Type 'string' is not assignable to type 'number'/);
}, 60_000);
