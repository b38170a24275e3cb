import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const OPERATIONS_DIR = path.resolve(__dirname, '..', 'operations');

const needsVariables = (text: string) => /\$\w+\s*:\s*[\w[\]]+!(?!\s*=)/.test(text);

/**
 * The example operations under operations/, one GraphiQL tab each: those that run without
 * variables first (so the opening tab answers at once), web before mobile and analyst.
 */
export function exampleTabs(dir = OPERATIONS_DIR): { query: string }[] {
  let files: string[];
  try {
    files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
  return files
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }))
    .sort(
      (a, b) =>
        Number(needsVariables(a.text)) - Number(needsVariables(b.text)) ||
        Number(!a.file.startsWith('web')) - Number(!b.file.startsWith('web')) ||
        a.file.localeCompare(b.file),
    )
    .map(({ file, text }) => ({ query: `# operations/${file}\n${text}` }));
}
