import autocannon from 'autocannon';

export interface Target {
  url: string;
  headers: Record<string, string>;
}

export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  requests: number;
  failures: number;
}

interface Sample {
  latencies: number[];
  requests: number;
  seconds: number;
  failures: number;
}

/**
 * One autocannon run. Latencies come from its per-response event in fractional milliseconds:
 * its own histogram keeps whole milliseconds, too coarse for answers of 1 to 5 ms.
 */
async function drive(target: Target, body: string, connections: number, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${target.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body, connections, duration: seconds },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
      else failures += 1;
    });
  });
  return { latencies, requests: latencies.length, seconds: result.duration, failures: failures + result.errors + result.timeouts };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN);

function figures(samples: Sample[]): LoadFigures {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  return {
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requestsPerSecond: requests / seconds,
    requests,
    failures: samples.reduce((n, s) => n + s.failures, 0),
  };
}

/**
 * API and floor driven in turn (A, B, A, B...) after one warm-up run each, so drift on a
 * noisy machine (other processes, CPU frequency, the database's caches) lands on both.
 */
export async function interleaved(
  api: Target,
  floor: Target,
  body: string,
  options: { connections: number; seconds: number; rounds: number; warmupSeconds: number },
): Promise<{ api: LoadFigures; floor: LoadFigures }> {
  await drive(api, body, options.connections, options.warmupSeconds);
  await drive(floor, body, options.connections, options.warmupSeconds);
  const samples = { api: [] as Sample[], floor: [] as Sample[] };
  for (let round = 0; round < options.rounds; round++) {
    samples.api.push(await drive(api, body, options.connections, options.seconds));
    samples.floor.push(await drive(floor, body, options.connections, options.seconds));
  }
  return { api: figures(samples.api), floor: figures(samples.floor) };
}
