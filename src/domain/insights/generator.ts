// Who writes the final text. The rules (weekly-rules.ts, run-group-rules.ts) decide what is
// said and with which numbers; a generator gets only those structured facts and sentences,
// never the database, and returns the sentences to show. The deterministic one returns the
// rules' sentences as they are; a language-model one could reword each sentence (keeping
// its rule and inputs) and registers in `insightGenerators` under its own name and version.

import { createHash } from 'node:crypto';
import { weeklySentences } from './weekly-rules';
import { activitySentences, groupSentences } from './run-group-rules';
import type { InsightFacts, InsightSentence } from './types';

export interface InsightGenerator {
  name: string;
  /** Moves when the wording, the rules or the facts read change: stored insights of another version are rewritten. */
  version: string;
  /** False when insights are switched off (INSIGHT_GENERATOR=off): nothing is composed, stored or shown. */
  enabled: boolean;
  /** The sentences of one insight from its facts and the rules' sentences (in the rules' order). */
  write(input: InsightFacts, ruled: readonly InsightSentence[]): Promise<InsightSentence[]>;
}

/** The rules' sentences for some facts. */
export function ruleSentences(input: InsightFacts): InsightSentence[] {
  switch (input.kind) {
    case 'weekly': return weeklySentences(input.facts);
    case 'activity': return activitySentences(input.facts);
    case 'group': return groupSentences(input.facts);
  }
}

/** The rules' sentences, word for word: the same facts always give the same text. */
export const plainInsights: InsightGenerator = {
  name: 'stride-plain',
  version: '2',
  enabled: true,
  write: async (_input, ruled) => [...ruled],
};

/** Insights switched off: no text, no stored rows, and no statement spent on them. */
export const offInsights: InsightGenerator = {
  name: 'off',
  version: '0',
  enabled: false,
  write: async () => [],
};

/** Generators selectable by configuration (INSIGHT_GENERATOR). A language-model one would register here. */
export const insightGenerators = { plain: plainInsights, off: offInsights } satisfies Record<string, InsightGenerator>;
export type InsightGeneratorName = keyof typeof insightGenerators;

export interface WrittenInsight {
  sentences: InsightSentence[];
  /** The sentences joined with a space. */
  text: string;
  /** Fingerprint of the facts and the generator (name@version): a stored insight is current while it matches. */
  hash: string;
}

/**
 * Floats at 10 significant digits: a mean or SD summed in another row order (one athlete's
 * write against a page's read) differs in its last bits, and must not make the text stale.
 */
const hashable = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(10)) : value);

/** Fingerprint of the facts (floats to 10 significant digits) and the generator: a stored insight is current when it matches. */
export function insightHash(generator: Pick<InsightGenerator, 'name' | 'version'>, input: InsightFacts): string {
  return createHash('sha256').update(`${generator.name}@${generator.version}:${JSON.stringify(input, hashable)}`).digest('hex').slice(0, 32);
}

/** One insight written by the generator from its facts; null when insights are off or nothing could be said. */
export async function writeInsight(generator: InsightGenerator, input: InsightFacts): Promise<WrittenInsight | null> {
  if (!generator.enabled) return null;
  const sentences = await generator.write(input, ruleSentences(input));
  if (sentences.length === 0) return null;
  return { sentences, text: sentences.map((s) => s.text).join(' '), hash: insightHash(generator, input) };
}
