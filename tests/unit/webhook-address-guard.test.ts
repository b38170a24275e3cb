import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressProblem, guardedLookup, parseWebhookUrl, webhookUrlProblem, type HostResolver } from '../../src/live/webhooks/address-guard';
import { postWebhook } from '../../src/live/webhooks/send';

// Where a webhook may point (docs/api.md, Webhooks): refused addresses as literals, as the
// IPv6 forms that carry an IPv4 address, and as what a name resolves to, at registration and
// again at connection time.

const strict = { allowLoopback: false };
const dev = { allowLoopback: true };
const resolving = (table: Record<string, string[]>): HostResolver => async (host) => {
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('addressProblem', () => {
  it.each([
    ['10.0.0.1', /private address \(10\.0\.0\.0\/8\)/],
    ['172.16.5.4', /private address \(172\.16\.0\.0\/12\)/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private address \(192\.168\.0\.0\/16\)/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['169.254.169.254', /link-local .*169\.254\.0\.0\/16/],
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /reserved or broadcast/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['fc00::1', /unique local/],
    ['fd12:3456::1', /unique local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['ff02::1', /multicast/],
    ['::ffff:10.0.0.1', /IPv4-mapped IPv6 address of 10\.0\.0\.1, which is a private address/],
    ['::ffff:a00:1', /IPv4-mapped IPv6 address of 10\.0\.0\.1/],
    ['::ffff:169.254.169.254', /IPv4-mapped .* link-local/],
    ['::ffff:127.0.0.1', /IPv4-mapped .* loopback/],
    ['64:ff9b::a9fe:a9fe', /NAT64 address of 169\.254\.169\.254/],
    ['2002:c0a8:0101::1', /6to4 address of 192\.168\.1\.1/],
    ['::10.0.0.1', /IPv4-compatible/],
    ['2001:db8::1', /documentation/],
    ['100::1', /not a global unicast/],
  ])('refuses %s', (address, reason) => {
    expect(addressProblem(address, strict)).toMatch(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('lets %s through', (address) => {
    expect(addressProblem(address, strict)).toBeNull();
  });

  it('lets loopback through in development only, and nothing but loopback for http:', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressProblem(address, dev)).toBeNull();
      expect(addressProblem(address, dev, true)).toBeNull();
    }
    expect(addressProblem('8.8.8.8', dev, true)).toMatch(/http: is allowed only to loopback/);
    expect(addressProblem('10.0.0.1', dev)).toMatch(/private/);
  });
});

describe('parseWebhookUrl', () => {
  const problem = (url: string, policy = strict) => {
    const parsed = parseWebhookUrl(url, policy);
    return 'problem' in parsed ? parsed.problem : null;
  };

  it('takes a public https URL', () => {
    expect(problem('https://hooks.example.com/stride?x=1')).toBeNull();
    expect(problem('https://93.184.215.14:8443/hook')).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/', /must use https:; got http:/],
    ['http://10.0.0.1/', /must use https:; got http:/],
    ['ftp://hooks.example.com/', /must use https:; got ftp:/],
    ['hooks.example.com/stride', /absolute URL/],
    ['https://10.0.0.1/hook', /10\.0\.0\.1 is a private address/],
    ['https://169.254.169.254/latest/meta-data/', /link-local/],
    ['https://[::ffff:10.0.0.1]/', /IPv4-mapped IPv6 address of 10\.0\.0\.1/],
    ['https://[fd00::1]/', /unique local/],
    ['https://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
    ['https://2130706433/', /127\.0\.0\.1 is a loopback address/],
    ['https://localhost/', /host localhost is a loopback address/],
    ['https://metadata.google.internal/computeMetadata/v1/', /internal name/],
    ['https://metadata/', /single-label name/],
    ['https://printer.local/', /internal name/],
    ['https://user:pw@hooks.example.com/', /user name or password/],
    [`https://hooks.example.com/${'a'.repeat(2_000)}`, /at most 2000 characters; got 2026/],
  ])('refuses %s', (url, reason) => {
    expect(problem(url)).toMatch(reason);
  });

  it('takes http: and https: to loopback in development only, and http: nowhere else', () => {
    expect(problem('http://127.0.0.1:8080/hook', dev)).toBeNull();
    expect(problem('http://localhost:8080/hook', dev)).toBeNull();
    expect(problem('https://[::1]/hook', dev)).toBeNull();
    expect(problem('http://8.8.8.8/', dev)).toMatch(/not a loopback address/);
  });

  it('takes http: to a name in development when it resolves to loopback only', async () => {
    const resolveHost = resolving({ 'receiver.test': ['127.0.0.1'], 'hooks.example.com': ['93.184.215.14'] });
    expect(await webhookUrlProblem('http://receiver.test:8080/', { allowLoopback: true, resolveHost })).toBeNull();
    expect(await webhookUrlProblem('http://hooks.example.com/', { allowLoopback: true, resolveHost })).toMatch(/93\.184\.215\.14 is not a loopback address, and http: is allowed only to loopback/);
  });
});

describe('webhookUrlProblem (registration: the name resolved)', () => {
  it('refuses a name that resolves to a refused address, any one of them', async () => {
    const resolveHost = resolving({ 'hooks.example.com': ['93.184.215.14', '10.1.2.3'], 'ok.example.com': ['93.184.215.14'] });
    expect(await webhookUrlProblem('https://hooks.example.com/x', { allowLoopback: false, resolveHost })).toMatch(/host hooks\.example\.com resolves to 10\.1\.2\.3 is a private address/);
    expect(await webhookUrlProblem('https://ok.example.com/x', { allowLoopback: false, resolveHost })).toBeNull();
  });

  it('refuses a name that does not resolve, naming the error', async () => {
    const resolveHost = resolving({});
    expect(await webhookUrlProblem('https://nowhere.example.com/', { allowLoopback: false, resolveHost })).toMatch(/does not \(ENOTFOUND\)/);
  });

  it('refuses localhost through the system resolver without allowLoopback', async () => {
    expect(await webhookUrlProblem('https://localhost:4000/', strict)).toMatch(/loopback/);
    expect(await webhookUrlProblem('https://sub.localhost:4000/', strict)).toMatch(/loopback/);
  });
});

describe('guardedLookup (delivery: the addresses connected to)', () => {
  const lookup = (policy: Parameters<typeof guardedLookup>[0], options: { all?: boolean; family?: number } = {}) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      guardedLookup(policy, false)('hooks.example.com', options as never, (error, address, family) => resolve({ error, address, family })));

  it('answers the resolved address in both call forms', async () => {
    const policy = { allowLoopback: false, resolveHost: resolving({ 'hooks.example.com': ['93.184.215.14', '2606:4700::1111'] }) };
    expect(await lookup(policy)).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect((await lookup(policy, { all: true })).address).toEqual([{ address: '93.184.215.14', family: 4 }, { address: '2606:4700::1111', family: 6 }]);
    expect((await lookup(policy, { family: 6 })).address).toBe('2606:4700::1111');
  });

  it('fails the connection when the name now resolves to a refused address', async () => {
    const policy = { allowLoopback: false, resolveHost: resolving({ 'hooks.example.com': ['169.254.169.254'] }) };
    const { error } = await lookup(policy);
    expect(error?.code).toBe('ERR_WEBHOOK_ADDRESS_REFUSED');
    expect(error?.message).toMatch(/refused: host hooks\.example\.com resolves to 169\.254\.169\.254 is a link-local address/);
  });
});

describe('postWebhook connects only where the guard allowed', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connects to the address the injected resolver gave when it is allowed, and refuses it otherwise', async () => {
    const resolveHost = resolving({ 'receiver.test': ['127.0.0.1'] });
    const sent = await postWebhook(`http://receiver.test:${port}/hook`, '{}', {}, { timeoutMs: 2_000, policy: { allowLoopback: true, resolveHost } });
    expect(sent).toEqual({ delivered: true, statusCode: 200, error: null });
    expect(hits).toBe(1);
    const refused = await postWebhook(`https://receiver.test:${port}/hook`, '{}', {}, { timeoutMs: 2_000, policy: { allowLoopback: false, resolveHost } });
    expect(refused.delivered).toBe(false);
    expect(refused.statusCode).toBeNull();
    expect(refused.error).toMatch(/refused: host receiver\.test resolves to 127\.0\.0\.1 is a loopback address/);
    const literal = await postWebhook(`http://127.0.0.1:${port}/hook`, '{}', {}, { timeoutMs: 2_000, policy: strict });
    expect(literal.error).toMatch(/refused: the URL must use https:; got http:/);
    expect(hits).toBe(1);
  });
});
