import autocannon from 'autocannon';
import { rssMiB } from './processes';

export interface Target {
  url: string;
  headers: Record<string, string>;
  /** The request body: each server gets the operation in its own dialect (PostGraphile its own query). */
  body: string;
  /** The server process, for its resident memory; null leaves memory unsampled. */
  pid: number | null;
}

/** Resident memory while driven: the highest sample of all rounds, and the median sample of the last. */
export interface RssFigures {
  peakMiB: number;
  steadyMiB: number;
}

export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  failures: number;
  rss: RssFigures | null;
}

interface Sample {
  latencies: number[];
  requests: number;
  seconds: number;
  failures: number;
  rssMiB: number[];
}

/** How often a driven server's VmRSS is read: often enough to see a thousand-athlete answer's garbage come and go. */
const RSS_SAMPLE_MS = 250;

/**
 * One autocannon run. Latencies come from its per-response event in fractional milliseconds:
 * its own histogram keeps whole milliseconds, too coarse for answers of 1 to 5 ms.
 */
async function drive(target: Target, connections: number, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  const rss: number[] = [];
  let failures = 0;
  const sampleRss = () => {
    const mib = target.pid === null ? null : rssMiB(target.pid);
    if (mib !== null) rss.push(mib);
  };
  const sampler = setInterval(sampleRss, RSS_SAMPLE_MS);
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${target.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body, connections, duration: seconds },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode === 200) latencies.push(responseTime);
        else failures += 1;
      });
    });
    sampleRss();
    return { latencies, requests: latencies.length, seconds: result.duration, failures: failures + result.errors + result.timeouts, rssMiB: rss };
  } finally {
    clearInterval(sampler);
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN);

function figures(samples: Sample[]): LoadFigures {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const lastRound = [...samples[samples.length - 1].rssMiB].sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requestsPerSecond: requests / seconds,
    requests,
    failures: samples.reduce((n, s) => n + s.failures, 0),
    rss: lastRound.length ? { peakMiB: Math.max(...samples.flatMap((s) => s.rssMiB)), steadyMiB: percentile(lastRound, 0.5) } : null,
  };
}

/**
 * The servers driven in turn (A, B, C, A, B, C...) after one warm-up run each, so drift on a
 * noisy machine (other processes, CPU frequency, the database's caches) lands on all of them.
 */
export async function interleaved<K extends string>(
  targets: Record<K, Target>,
  options: { connections: number; seconds: number; rounds: number; warmupSeconds: number },
): Promise<Record<K, LoadFigures>> {
  const keys = Object.keys(targets) as K[];
  for (const key of keys) await drive(targets[key], options.connections, options.warmupSeconds);
  const samples = Object.fromEntries(keys.map((key) => [key, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < options.rounds; round++) {
    for (const key of keys) samples[key].push(await drive(targets[key], options.connections, options.seconds));
  }
  return Object.fromEntries(keys.map((key) => [key, figures(samples[key])])) as Record<K, LoadFigures>;
}
