import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

// Where a webhook may point (docs/api.md, Webhooks): an admin types the URL, and the server
// then POSTs to it from inside the network, so a URL that reaches a private, link-local or
// metadata address would let an admin probe what only the server can see (SSRF). A URL is
// checked when it is registered (its literal host, then every address its name resolves to)
// and again on every delivery, on the addresses the connection actually uses: a name that
// resolved to a public address at registration may resolve elsewhere later (DNS rebinding).

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a name resolves to (getaddrinfo by default, so /etc/hosts counts too). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressPolicy {
  /** http: and https: to loopback addresses, for development and tests; off in production. */
  allowLoopback: boolean;
  /** Replaces the system resolver (tests). */
  resolveHost?: HostResolver;
}

export const systemResolver: HostResolver = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

const LOOPBACK = 'a loopback address';

// ---- addresses --------------------------------------------------------------------------

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. */
function ipv4Number(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const ipv4Text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** An IPv6 address as eight 16-bit groups (a trailing dotted quad and a zone allowed), or null. */
function ipv6Groups(text: string): number[] | null {
  const address = text.replace(/%.*$/, '');
  let head = address;
  const tail: number[] = [];
  const quad = address.match(/^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (quad) {
    const v4 = ipv4Number(quad[2]);
    if (v4 === null) return null;
    head = quad[1].endsWith('::') ? quad[1] : quad[1].slice(0, -1);
    tail.push(v4 >>> 16, v4 & 0xffff);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const [left, right] = [groups(halves[0]), halves.length === 2 ? groups(halves[1]) : []];
  if (![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const missing = 8 - tail.length - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...left.map((g) => parseInt(g, 16)), ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right.map((g) => parseInt(g, 16)), ...tail];
}

const IPV4_REFUSED: [base: string, bits: number, what: string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, LOOPBACK],
  ['169.254.0.0', 16, 'a link-local address (where cloud metadata services answer)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol assignment'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a 6to4 relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved or broadcast address'],
];

function ipv4Range(n: number): { what: string; cidr: string } | null {
  for (const [base, bits, what] of IPV4_REFUSED) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === ipv4Number(base)) return { what, cidr: `${base}/${bits}` };
  }
  return null;
}

/** Why an IPv6 address is refused ignoring loopback, or the IPv4 address it stands for. */
function ipv6Range(g: number[]): { what: string; cidr: string } | { ipv4: number; form: string } | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const embedded = (hi: number, lo: number) => ((g[hi] << 16) >>> 0) + g[lo];
  if (zeros(0, 5) && g[5] === 0xffff) return { ipv4: embedded(6, 7), form: 'an IPv4-mapped IPv6 address' };
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return { ipv4: embedded(6, 7), form: 'a NAT64 address' };
  if (g[0] === 0x2002) return { ipv4: embedded(1, 2), form: 'a 6to4 address' };
  if (zeros(0, 8)) return { what: 'the unspecified address', cidr: '::/128' };
  if (zeros(0, 6)) return { what: 'an IPv4-compatible IPv6 address (deprecated)', cidr: '::/96' };
  if ((g[0] & 0xfe00) === 0xfc00) return { what: 'a unique local (private) address', cidr: 'fc00::/7' };
  if ((g[0] & 0xffc0) === 0xfe80) return { what: 'a link-local address', cidr: 'fe80::/10' };
  if ((g[0] & 0xffc0) === 0xfec0) return { what: 'a site-local address', cidr: 'fec0::/10' };
  if ((g[0] & 0xff00) === 0xff00) return { what: 'a multicast address', cidr: 'ff00::/8' };
  if (g[0] === 0x2001 && g[1] === 0x0db8) return { what: 'a documentation address', cidr: '2001:db8::/32' };
  if (g[0] === 0x2001 && g[1] === 0) return { what: 'a Teredo address', cidr: '2001::/32' };
  if ((g[0] & 0xe000) !== 0x2000) return { what: 'not a global unicast address', cidr: '2000::/3' };
  return null;
}

const isIpv6Loopback = (g: number[]) => g.slice(0, 7).every((x) => x === 0) && g[7] === 1;

/**
 * Why a webhook may not connect to this IP address, or null when it may. Loopback passes only
 * with `allowLoopback`; `requireLoopback` (an http: URL) refuses everything else.
 */
export function addressProblem(address: string, policy: Pick<AddressPolicy, 'allowLoopback'>, requireLoopback = false): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  let ipv4: number | null = null;
  let form = '';
  if (isIP(bare.replace(/%.*$/, '')) === 4) {
    ipv4 = ipv4Number(bare);
  } else {
    const groups = ipv6Groups(bare);
    if (!groups) return `${address} is not an IP address`;
    if (isIpv6Loopback(groups)) return loopbackProblem(`${address} is`, policy, '::1/128');
    const range = ipv6Range(groups);
    if (range && 'what' in range) return `${address} is ${range.what} (${range.cidr})`;
    if (range) ({ ipv4, form } = range);
    else if (requireLoopback) return `${address} is not a loopback address, and http: is allowed only to loopback`;
    else return null;
  }
  if (ipv4 === null) return `${address} is not an IP address`;
  const range = ipv4Range(ipv4);
  const named = form ? `${address} is ${form} of ${ipv4Text(ipv4)}, which is` : `${address} is`;
  if (range?.what === LOOPBACK) return loopbackProblem(named, policy, range.cidr);
  if (range) return `${named} ${range.what} (${range.cidr})`;
  return requireLoopback ? `${address} is not a loopback address, and http: is allowed only to loopback` : null;
}

/** Loopback passes only in development (and then also for http:). */
function loopbackProblem(named: string, policy: Pick<AddressPolicy, 'allowLoopback'>, cidr: string): string | null {
  return policy.allowLoopback ? null : `${named} ${LOOPBACK} (${cidr}), allowed only in development (WEBHOOK_ALLOW_LOOPBACK)`;
}

// ---- URLs and names -----------------------------------------------------------------------

/** Names that reach the server's own network whatever they resolve to today. */
const INTERNAL_NAME_SUFFIXES = ['.internal', '.local', '.localdomain', '.home.arpa', '.intranet', '.corp', '.lan'];

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** A URL's host without brackets, lower case, without a trailing dot. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase().replace(/\.$/, '');

function nameProblem(host: string, policy: Pick<AddressPolicy, 'allowLoopback'>): string | null {
  if (isLoopbackName(host)) return policy.allowLoopback ? null : `host ${host} is ${LOOPBACK}, allowed only in development (WEBHOOK_ALLOW_LOOPBACK)`;
  if (!host.includes('.')) return `host ${host} is a single-label name, which resolves inside the server's own network; use a fully qualified public name`;
  const suffix = INTERNAL_NAME_SUFFIXES.find((s) => host.endsWith(s));
  if (suffix) return `host ${host} is an internal name (*${suffix}: metadata services and private networks live there)`;
  return null;
}

/** `url.href` is the URL normalized (percent-encoded, lower-case host): what is stored and requested. */
export type ParsedWebhookUrl = { url: URL; host: string; literal: boolean } | { problem: string };

/**
 * What can be said of a webhook URL without the network: its length, scheme, credentials and
 * host (an IP literal is checked whole here; a name only for being internal). The problem
 * reads after the argument's name: "input.url must use https...".
 */
export function parseWebhookUrl(text: string, policy: Pick<AddressPolicy, 'allowLoopback'>): ParsedWebhookUrl {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return { problem: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters; got ${text.length}` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'must be an absolute URL such as https://hooks.example.com/stride' };
  }
  const schemes = policy.allowLoopback ? 'https: (or http: to a loopback address in development)' : 'https:';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `must use ${schemes}; got ${url.protocol}` };
  if (url.protocol === 'http:' && !policy.allowLoopback) return { problem: `must use ${schemes}; got http:` };
  if (url.username || url.password) return { problem: 'must not carry a user name or password (the signature authenticates Stride to you)' };
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) return { problem: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters once normalized; got ${url.href.length}` };
  const host = hostOf(url);
  const requireLoopback = url.protocol === 'http:';
  if (isIP(host)) {
    const problem = addressProblem(host, policy, requireLoopback);
    return problem ? { problem: `must not point to ${problem}` } : { url, host, literal: true };
  }
  const problem = nameProblem(host, policy);
  // http: to a name: whether it is loopback is known once it is resolved (resolvedProblem).
  return problem ? { problem: `must not point to ${problem}` } : { url, host, literal: false };
}

/** Why a resolved set of addresses is refused: any one refused refuses the name. */
function resolvedProblem(host: string, addresses: readonly ResolvedAddress[], policy: AddressPolicy, requireLoopback: boolean): string | null {
  if (addresses.length === 0) return `host ${host} resolves to no address`;
  for (const { address } of addresses) {
    const problem = addressProblem(address, policy, requireLoopback);
    if (problem) return `host ${host} resolves to ${problem}`;
  }
  return null;
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The registration check: the URL, then every address its name resolves to now. Answers the
 * problem (to follow "input.url ") or null.
 */
export async function webhookUrlProblem(text: string, policy: AddressPolicy, resolveTimeoutMs = 3_000): Promise<string | null> {
  const parsed = parseWebhookUrl(text, policy);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.literal) return null;
  let addresses: ResolvedAddress[];
  try {
    addresses = await withTimeout((policy.resolveHost ?? systemResolver)(parsed.host), resolveTimeoutMs, `no answer within ${resolveTimeoutMs} ms`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `must name a host that resolves; ${parsed.host} does not (${code ?? (error as Error).message})`;
  }
  const problem = resolvedProblem(parsed.host, addresses, policy, parsed.url.protocol === 'http:');
  return problem ? `must not point to ${problem}` : null;
}

/** The error a refused connection fails with (the delivery log shows its message). */
export class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

/**
 * A `lookup` for node:http(s) `request` that resolves the name and refuses the connection
 * when any address is refused: the check and the connection use the same answer, so a name
 * cannot pass the check on one address and connect to another.
 */
export function guardedLookup(policy: AddressPolicy, requireLoopback: boolean): LookupFunction {
  const resolve = policy.resolveHost ?? systemResolver;
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    resolve(hostname).then(
      (resolved) => {
        const host = hostname.toLowerCase();
        const problem = resolvedProblem(host, resolved, policy, requireLoopback);
        if (problem) return callback(new RefusedAddressError(`refused: ${problem}`), '', 0);
        const wanted = options.family === 4 || options.family === 6 ? resolved.filter((a) => a.family === options.family) : resolved;
        if (wanted.length === 0) return callback(Object.assign(new Error(`host ${host} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
