import { loadConfig } from '../../src/config';
import {
  insightGenerators, insightHash, offInsights, plainInsights, ruleSentences, writeInsight,
  type InsightFacts, type InsightGenerator, type WeeklyFacts,
} from '../../src/domain/insights';

// The generator interface (docs/metrics.md, Insights): a generator gets the facts and the
// rules' sentences only, its name@version is in the hash, and insights can be switched off.

const facts: WeeklyFacts = {
  weekStart: '2026-11-16', units: 'metric',
  week: { runs: 5, distanceM: 42_300, longestRunM: 15_000, load: 310, loadedRuns: 5 },
  previousWeek: { runs: 5, distanceM: 40_000, load: 300, loadedRuns: 5 },
  average: { runs: 4.5, distanceM: 37_800, longestRunM: 15_200, load: 287, loadedRuns: 4.5 },
  restingHrChange: -2,
  hrv: { weekMs: null, weekReadings: 0, baselineMs: null, baselineSd: null, baselineReadings: 0 },
  keyWorkouts: [], form: null, race: null, streak: null,
};
const input: InsightFacts = { kind: 'weekly', facts };

it('writes the rules\' sentences word for word with stride-plain, joined into the text', async () => {
  const written = (await writeInsight(plainInsights, input))!;
  expect(written.sentences).toEqual(ruleSentences(input));
  expect(written.text).toBe(
    'Week of 16 Nov: 42.3 km over 5 runs, 12% more than the 4-week average of 37.8 km. Longest run 15.0 km, 35% of the week (4-week average 15.2 km). Training load 310, 8% more than the 4-week average of 287. Resting HR 2 bpm lower than the week before.',
  );
  expect(written.hash).toBe(insightHash(plainInsights, input));
  expect(plainInsights).toMatchObject({ name: 'stride-plain', version: '2', enabled: true });
});

it('fingerprints the facts with the generator name and version, not the last bits of a float', () => {
  const hash = insightHash(plainInsights, input);
  expect(insightHash(plainInsights, { kind: 'weekly', facts: { ...facts } })).toBe(hash);
  expect(insightHash(plainInsights, { kind: 'weekly', facts: { ...facts, restingHrChange: -3 } })).not.toBe(hash);
  expect(insightHash({ ...plainInsights, version: '3' }, input)).not.toBe(hash);
  expect(insightHash({ ...plainInsights, name: 'other' }, input)).not.toBe(hash);
  // A mean summed in another order: 60.35714170932676 against 60.35714170932671.
  const hrv = (baselineMs: number) => ({ kind: 'weekly' as const, facts: { ...facts, hrv: { ...facts.hrv, baselineMs } } });
  expect(insightHash(plainInsights, hrv(60.35714170932676))).toBe(insightHash(plainInsights, hrv(60.35714170932671)));
  expect(insightHash(plainInsights, hrv(60.357))).not.toBe(insightHash(plainInsights, hrv(60.358)));
});

it('lets another generator (a language model, say) reword the sentences from the facts alone', async () => {
  const seen: unknown[] = [];
  const shouting: InsightGenerator = {
    name: 'shouting', version: '1', enabled: true,
    write: async (given, ruled) => {
      seen.push(given);
      return ruled.map((s) => ({ ...s, text: s.text.toUpperCase() }));
    },
  };
  const written = (await writeInsight(shouting, input))!;
  expect(seen).toEqual([input]);
  expect(written.text).toMatch(/^WEEK OF 16 NOV: 42\.3 KM/);
  // Each reworded sentence keeps its rule and inputs: the "why" a client shows.
  expect(written.sentences.map((s) => [s.rule, s.inputs])).toEqual(ruleSentences(input).map((s) => [s.rule, s.inputs]));
  expect(written.hash).toBe(insightHash(shouting, input));
  expect(written.hash).not.toBe(insightHash(plainInsights, input));
});

it('writes nothing when switched off (INSIGHT_GENERATOR=off)', async () => {
  expect(await writeInsight(offInsights, input)).toBeNull();
  expect(insightGenerators.off).toBe(offInsights);
  expect(loadConfig({ INSIGHT_GENERATOR: 'off' }).insightGenerator).toBe('off');
  expect(loadConfig({}).insightGenerator).toBe('plain');
  expect(() => loadConfig({ INSIGHT_GENERATOR: 'llm' })).toThrow(/INSIGHT_GENERATOR/);
});
