import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const OPERATIONS_DIR = path.resolve(__dirname, '..', 'operations');

/** The example operations under operations/, one GraphiQL tab each (web first, then the rest by path). */
export function exampleTabs(dir = OPERATIONS_DIR): { query: string }[] {
  let files: string[];
  try {
    files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
  return files
    .sort((a, b) => Number(!a.startsWith('web')) - Number(!b.startsWith('web')) || a.localeCompare(b))
    .map((file) => ({ query: `# operations/${file}\n${readFileSync(path.join(dir, file), 'utf8')}` }));
}
