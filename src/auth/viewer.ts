import { AppError } from '../errors';
import { TokenError, type VerifiedToken } from './tokens';

export type ViewerRole = 'ADMIN' | 'COACH' | 'ATHLETE';

/** Who is asking, from a verified token: every repository call takes its organization from here. */
export interface Viewer {
  orgId: number;
  userId: number;
  role: ViewerRole;
}

export type VerifyToken = (token: string) => Promise<VerifiedToken>;

/**
 * Reads and verifies the request's bearer token once per request (the persisted-operations
 * check and the context both ask). No token or a bad one is UNAUTHENTICATED.
 */
export function requestAuthenticator(verify: VerifyToken) {
  const verified = new WeakMap<Request, Promise<VerifiedToken>>();
  return (request: Request): Promise<VerifiedToken> => {
    let result = verified.get(request);
    if (!result) {
      result = authenticate(verify, request.headers.get('authorization'));
      verified.set(request, result);
    }
    return result;
  };
}

/** The Authorization header's bearer token, verified; UNAUTHENTICATED without one or with a bad one. */
export async function authenticate(verify: VerifyToken, header: string | null | undefined): Promise<VerifiedToken> {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    throw new AppError('UNAUTHENTICATED', 'missing bearer token: send the header Authorization: Bearer <token>');
  }
  try {
    return await verify(match[1]);
  } catch (error) {
    if (error instanceof TokenError) throw new AppError('UNAUTHENTICATED', `invalid token: ${error.message}`);
    throw error;
  }
}
