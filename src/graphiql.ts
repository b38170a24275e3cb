import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { PROJECT_ROOT } from './paths';

export const OPERATIONS_DIR = path.join(PROJECT_ROOT, 'operations');

/** Ids of the organization GraphiQL's token belongs to, for the example tabs' variables. */
export interface ExampleSamples {
  athleteId: number | null;
  groupId: number | null;
}

export interface ExampleTab {
  query: string;
  variables?: string;
}

const needsVariables = (text: string) => /\$\w+\s*:\s*[\w[\]]+!(?!\s*=)/.test(text);

const typeName = (type: TypeNode): string => (type.kind === 'NamedType' ? type.name.value : typeName(type.type));
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Variables that make a query tab answer at once: the sample athlete or group for ids, the
 * last 365 days for Unix-second ranges, this month for date ranges. Undefined when a
 * required variable has no sample (the tab then opens as the file is), and for mutations,
 * which a click would run against the organization.
 */
export function exampleVariables(text: string, samples: ExampleSamples, now: Date): Record<string, unknown> | undefined {
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  } catch {
    return undefined;
  }
  if (!operation || operation.operation !== 'query') return undefined;
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  const seconds = Math.floor(now.getTime() / 1000);
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeName(definition.type);
    let value: unknown;
    if (type === 'ID') value = /group/i.test(name) ? samples.groupId : samples.athleteId;
    else if (type === 'Timestamp') value = /^(from|start)/i.test(name) ? seconds - 365 * 86_400 : seconds;
    else if (type === 'Date' && definition.type.kind === 'NonNullType') value = isoDate(/(start|from)/i.test(name) ? monthStart : monthEnd);
    if (value !== undefined && value !== null) variables[name] = type === 'ID' ? String(value) : value;
    else if (definition.type.kind === 'NonNullType' && !definition.defaultValue) return undefined;
  }
  return Object.keys(variables).length ? variables : undefined;
}

/**
 * The example operations under operations/, one GraphiQL tab each: those that run without
 * variables first (so the opening tab answers at once), web before mobile and analyst; with
 * samples, query tabs open with variables that work.
 */
export function exampleTabs(dir = OPERATIONS_DIR, samples?: ExampleSamples, now = new Date()): ExampleTab[] {
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
    .map(({ file, text }) => {
      const variables = samples ? exampleVariables(text, samples, now) : undefined;
      return { query: `# operations/${file}\n${text}`, ...(variables ? { variables: JSON.stringify(variables, null, 2) } : {}) };
    });
}
