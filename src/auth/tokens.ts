import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { AuthConfig } from '../config';
import type { Viewer, ViewerRole } from './viewer';

const ROLES = ['ADMIN', 'COACH', 'ATHLETE'] as const;

const MAX_ID = 2_147_483_647;
export const DEFAULT_MAX_TTL_SECONDS = 86_400;

// Exact types: a string or an array holding a number is not a number here.
const ClaimsSchema = z.object({
  sub: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a user id')
    .refine((sub) => Number(sub) <= MAX_ID, `must be a user id up to ${MAX_ID}`),
  org: z.number().int().positive().max(MAX_ID),
  role: z.enum(ROLES),
  exp: z.number(),
  iat: z.number().optional(),
});

export interface VerifiedToken {
  viewer: Viewer;
  audience: string;
  /** When the token expires: a subscription ends then (the client resumes with a new one). */
  expiresAt: Date;
}

export class TokenError extends Error {}

/** Human words for jose's failures; never the token itself. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.reason === 'missing' ? `claim ${error.claim} is required` : `claim ${error.claim} is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key matches the token kid';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  return 'token could not be verified';
}

/** How long a verified token is taken without verifying it again (its signature against the keys jose holds, its claims). */
const VERIFIED_TOKEN_REUSE_MS = 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Verifies bearer tokens: HS256 with a shared secret, or RS256/ES256 against a JWKS URL
 * (keys picked by kid, so keys rotate without a restart). Issuer and audience are checked.
 *
 * A client sends the same token with every request, and verifying it (the signature, the
 * claims, their schema) was about 50 µs of a 1.4 ms small read (bench/cpu-split.ts). So a
 * token that verified is taken again, by its exact text, until it expires or for
 * VERIFIED_TOKEN_REUSE_MS, whichever comes first; failures are never kept.
 */
export function createTokenVerifier(
  config: Pick<AuthConfig, 'secret' | 'jwksUrl' | 'issuer' | 'audiences' | 'maxTtlSeconds'>,
  now: () => number = Date.now,
): (token: string) => Promise<VerifiedToken> {
  const verified = new Map<string, { token: VerifiedToken; until: number }>();
  const verify = verifier(config, now);
  return async (text) => {
    const kept = verified.get(text);
    if (kept && now() < kept.until) return kept.token;
    if (kept) verified.delete(text);
    const token = await verify(text);
    // Bounded: past the cap the oldest entry goes (a Map keeps insertion order).
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(text, { token, until: Math.min(token.expiresAt.getTime(), now() + VERIFIED_TOKEN_REUSE_MS) });
    return token;
  };
}

function verifier(
  config: Pick<AuthConfig, 'secret' | 'jwksUrl' | 'issuer' | 'audiences' | 'maxTtlSeconds'>,
  now: () => number,
): (token: string) => Promise<VerifiedToken> {
  const maxTtl = config.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (config.jwksUrl) {
    key = createRemoteJWKSet(new URL(config.jwksUrl));
    algorithms = ['RS256', 'ES256'];
  } else if (config.secret) {
    key = new TextEncoder().encode(config.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('token verification needs JWT_SECRET or JWT_JWKS_URL');
  }
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { algorithms, issuer: config.issuer, audience: config.audiences, requiredClaims: ['exp'], currentDate: new Date(now()) }));
    } catch (error) {
      throw new TokenError(describe(error));
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenError(`claims rejected: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    // A token issued for longer than the limit is refused even while young: a leaked one would live too long.
    const nowS = Math.floor(now() / 1000);
    const lifetime = claims.data.exp - Math.min(claims.data.iat ?? nowS, nowS);
    if (lifetime > maxTtl) throw new TokenError(`token lifetime ${lifetime} s exceeds the limit of ${maxTtl} s (JWT_MAX_TTL)`);
    const audience = [payload.aud].flat().find((a): a is string => typeof a === 'string' && config.audiences.includes(a))!;
    // Frozen: one verified token now serves many requests.
    const viewer = Object.freeze({ orgId: claims.data.org, userId: Number(claims.data.sub), role: claims.data.role });
    return Object.freeze({ viewer, audience, expiresAt: new Date(claims.data.exp * 1000) });
  };
}

export interface TokenRequest {
  orgId: number;
  userId: number;
  role: ViewerRole;
  audience: string;
  expiresIn: string;
}

/** Mints an HS256 token (development and tests); production tokens come from the identity provider. */
export async function signToken(config: Pick<AuthConfig, 'secret' | 'issuer'>, request: TokenRequest): Promise<string> {
  if (!config.secret) throw new Error('signing a token needs JWT_SECRET');
  return new SignJWT({ org: request.orgId, role: request.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(request.userId))
    .setIssuer(config.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn)
    .sign(new TextEncoder().encode(config.secret));
}
