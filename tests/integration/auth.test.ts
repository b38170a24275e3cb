import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createOrganization, createUser } from '../helpers/fixtures';
import { errorCodes, execute } from '../helpers/graphql';
import { createTestApp, TEST_AUTH, tokenFor } from '../helpers/auth';
import { createTokenVerifier } from '../../src/auth/tokens';
import type { App } from '../../src/app';
import { AthleteProfileDocument, AthleteRosterDocument, MeDocument } from '../../operations/__generated__/graphql';

let t: TestDatabase;
let app: App;
let orgId: number;
let coachId: number;
let athleteId: number;
let otherAthleteId: number;

const sign = (claims: Record<string, unknown>, options: { secret?: string; alg?: string; issuer?: string; audience?: string; exp?: string | number } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.issuer ?? 'stride')
    .setAudience(options.audience ?? 'stride-api')
    .setExpirationTime(options.exp ?? '1h')
    .sign(new TextEncoder().encode(options.secret ?? TEST_AUTH.secret));

const signWithoutExpiry = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('stride').setAudience('stride-api').sign(new TextEncoder().encode(TEST_AUTH.secret));

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganization(t.db, 'Auth Club');
  coachId = await createUser(t.db, orgId, { role: 'coach', name: 'Carla Coach' });
  athleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Ada Athlete' });
  otherAthleteId = await createUser(t.db, orgId, { role: 'athlete', name: 'Bo Teammate' });
  app = createTestApp(t.db);
});

afterAll(() => t.close());

describe('authentication', () => {
  it('answers UNAUTHENTICATED with HTTP 401 without a token', async () => {
    const result = await execute(app, null, AthleteRosterDocument, {});
    expect(result.status).toBe(401);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors![0].message).toBe('missing bearer token: send the header Authorization: Bearer <token>');
  });

  const bad: [string, () => Promise<string>, RegExp][] = [
    ['a wrong signature', () => sign({ sub: '1', org: 1, role: 'COACH' }, { secret: 'x'.repeat(40) }), /signature does not verify/],
    ['an expired token', () => sign({ sub: '1', org: 1, role: 'COACH' }, { exp: Math.floor(Date.now() / 1000) - 60 }), /token expired/],
    ['a foreign issuer', () => sign({ sub: '1', org: 1, role: 'COACH' }, { issuer: 'evil' }), /claim iss is not accepted/],
    ['a foreign audience', () => sign({ sub: '1', org: 1, role: 'COACH' }, { audience: 'other-api' }), /claim aud is not accepted/],
    ['a disallowed algorithm', () => sign({ sub: '1', org: 1, role: 'COACH' }, { alg: 'HS512' }), /algorithm not allowed/],
    ['no organization claim', () => sign({ sub: '1', role: 'COACH' }), /claims rejected: org/],
    ['an unknown role', () => sign({ sub: '1', org: 1, role: 'OWNER' }), /claims rejected: role/],
    ['a non-numeric subject', () => sign({ sub: 'alice', org: 1, role: 'COACH' }), /claims rejected: sub/],
    ['garbage', async () => 'not.a.jwt', /malformed token/],
    ['no expiry', () => signWithoutExpiry({ sub: '1', org: 1, role: 'COACH' }), /claim exp is required/],
    // Without iat the lifetime runs from the check: 89999 s when the second turned between signing and checking.
    ['a lifetime above JWT_MAX_TTL', () => sign({ sub: '1', org: 1, role: 'COACH' }, { exp: '25h' }), /token lifetime (89999|90000) s exceeds the limit of 86400 s/],
    ['a long life hidden behind an old iat', () => sign({ sub: '1', org: 1, role: 'COACH', iat: Math.floor(Date.now() / 1000) - 2 * 86_400 }), /exceeds the limit of 86400 s/],
    ['an organization as a string', () => sign({ sub: '1', org: '1', role: 'COACH' }), /claims rejected: org .*expected number/],
    ['an organization as an array', () => sign({ sub: '1', org: [1], role: 'COACH' }), /claims rejected: org .*expected number/],
    ['an organization out of range', () => sign({ sub: '1', org: 2_147_483_648, role: 'COACH' }), /claims rejected: org/],
    ['a subject out of range', () => sign({ sub: '9999999999', org: 1, role: 'COACH' }), /claims rejected: sub must be a user id up to 2147483647/],
    ['a subject as a number', () => sign({ sub: 1, org: 1, role: 'COACH' }), /claims rejected: sub|malformed token/],
  ];
  it.each(bad)('answers UNAUTHENTICATED for %s', async (_name, makeToken, message) => {
    const result = await execute(app, await makeToken(), '{ viewer { role } }');
    expect(result.status).toBe(401);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors![0].message).toMatch(message);
  });

  it('verifies RS256 and ES256 tokens from a JWKS URL by kid, and refuses an unknown kid', async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    const stranger = await generateKeyPair('ES256');
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-2026', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-2026', alg: 'ES256', use: 'sig' },
    ];
    const jwks: Server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const verify = createTokenVerifier({ jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`, issuer: 'stride', audiences: ['stride-api'] });
      const signWith = (key: KeyLike, alg: string, kid: string) =>
        new SignJWT({ org: 7, role: 'ADMIN' }).setProtectedHeader({ alg, kid }).setSubject('3').setIssuer('stride').setAudience('stride-api').setExpirationTime('5m').sign(key);
      await expect(verify(await signWith(rsa.privateKey, 'RS256', 'rsa-2026'))).resolves.toMatchObject({ viewer: { orgId: 7, userId: 3, role: 'ADMIN' } });
      await expect(verify(await signWith(ec.privateKey, 'ES256', 'ec-2026'))).resolves.toMatchObject({ audience: 'stride-api' });
      await expect(verify(await signWith(stranger.privateKey, 'ES256', 'retired-key'))).rejects.toThrow('no key matches the token kid');
      await expect(verify(await sign({ sub: '3', org: 7, role: 'ADMIN' }))).rejects.toThrow('signing algorithm not allowed');
    } finally {
      await new Promise((resolve) => jwks.close(resolve));
    }
  });
});

describe('verified tokens taken again', () => {
  const config = { secret: TEST_AUTH.secret, issuer: 'stride', audiences: ['stride-api'] };

  it('takes a verified token again by its exact text for at most a minute, and never past its expiry', async () => {
    let at = Date.now();
    const verify = createTokenVerifier(config, () => at);
    const exp = Math.floor(at / 1000) + 90;
    const token = await sign({ sub: '3', org: 7, role: 'COACH' }, { exp });
    const first = await verify(token);
    expect(first.viewer).toEqual({ orgId: 7, userId: 3, role: 'COACH' });
    at += 30_000;
    expect(await verify(token)).toBe(first);
    // Another text, even a signature one character off, is verified on its own and refused.
    const [head, body, signature] = token.split('.');
    const forged = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verify(forged)).rejects.toThrow(/signature does not verify|malformed token/);
    at += 31_000;
    const again = await verify(token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    at = exp * 1000;
    await expect(verify(token)).rejects.toThrow('token expired');
  });

  it('never keeps a refusal, and answers frozen results a request cannot change for the next', async () => {
    const verify = createTokenVerifier(config);
    const wrongAudience = await sign({ sub: '3', org: 7, role: 'COACH' }, { audience: 'elsewhere' });
    await expect(verify(wrongAudience)).rejects.toThrow('claim aud is not accepted');
    await expect(verify(wrongAudience)).rejects.toThrow('claim aud is not accepted');
    const verified = await verify(await sign({ sub: '3', org: 7, role: 'COACH' }));
    expect(Object.isFrozen(verified) && Object.isFrozen(verified.viewer)).toBe(true);
  });
});

describe('roles', () => {
  it('lets a coach read the batch view', async () => {
    const token = await tokenFor({ orgId, userId: coachId, role: 'COACH' });
    const result = await execute(app, token, AthleteRosterDocument, {});
    expect(result.data!.athletes!.edges.map((e) => e.node.name)).toEqual(['Ada Athlete', 'Bo Teammate']);
  });

  it('refuses the batch view to an athlete', async () => {
    const token = await tokenFor({ orgId, userId: athleteId, role: 'ATHLETE' });
    const result = await execute(app, token, AthleteRosterDocument, {});
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors![0].message).toBe('Query.athletes is not available to athletes: an athlete reads only their own data');
  });

  it('lets an athlete read their own record and nobody else’s', async () => {
    const token = await tokenFor({ orgId, userId: athleteId, role: 'ATHLETE' });
    const own = await execute(app, token, AthleteProfileDocument, { id: String(athleteId) });
    expect(own.data!.athlete!.name).toBe('Ada Athlete');
    const teammate = await execute(app, token, AthleteProfileDocument, { id: String(otherAthleteId) });
    expect(errorCodes(teammate)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(teammate)).not.toContain('Bo Teammate');
    const me = await execute(app, token, MeDocument);
    expect(me.data).toEqual({ viewer: { userId: String(athleteId), role: 'ATHLETE', athlete: { id: String(athleteId), name: 'Ada Athlete', timezone: 'UTC', unitSystem: 'METRIC' } } });
  });
});
