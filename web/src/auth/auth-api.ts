import { queryOptions } from '@tanstack/react-query';
import {
  authControllerLoginV1,
  authControllerRegisterV1,
  authControllerRequestResetV1,
  authControllerResetV1,
  meControllerMeV1,
  meControllerUpdateV1,
  meControllerVerifyV1,
} from '../api/generated/sdk.gen';
import type { LoginRequest, RegisterRequest, SelfVerificationRequest, UpdateMeRequest, UserView } from '../api/generated/types.gen';
import { BROWSER_CLIENT_HEADERS, session, type IssuedSession } from './session';

/**
 * The auth and profile calls of the generated SDK, in one place: when operation ids change,
 * only this file follows. Everything throws an ApiProblem on failure.
 */
export type Me = UserView;
export type Role = Me['roles'][number];

export const meQuery = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: async ({ signal }) => (await meControllerMeV1({ signal, throwOnError: true })).data,
    staleTime: 5 * 60_000,
  });

export async function signIn(body: LoginRequest): Promise<void> {
  const { data } = await authControllerLoginV1({ body, headers: BROWSER_CLIENT_HEADERS, throwOnError: true });
  session.start(data as IssuedSession);
}

/** Register, then sign in: the account is usable at once. */
export async function register(body: RegisterRequest, idempotencyKey: string): Promise<void> {
  const { data } = await authControllerRegisterV1({
    body,
    headers: { ...BROWSER_CLIENT_HEADERS, 'Idempotency-Key': idempotencyKey },
    throwOnError: true,
  });
  // A server that signs the new account in answers with a session; otherwise sign in.
  const issued = data as Partial<IssuedSession>;
  if (typeof issued.accessToken === 'string' && typeof issued.expiresIn === 'number') session.start(issued as IssuedSession);
  else await signIn({ email: body.email, password: body.password });
}

export async function requestPasswordReset(email: string): Promise<void> {
  await authControllerRequestResetV1({ body: { email }, throwOnError: true });
}

export async function resetPassword(token: string, newPassword: string): Promise<void> {
  await authControllerResetV1({ body: { token, newPassword }, throwOnError: true });
}

export async function updateMe(body: UpdateMeRequest): Promise<Me> {
  return (await meControllerUpdateV1({ body, throwOnError: true })).data;
}

export interface VerificationOutcome {
  status: 'verified' | 'pending' | 'rejected';
  message?: string;
}

export async function requestIdentityVerification(body: SelfVerificationRequest): Promise<VerificationOutcome> {
  return (await meControllerVerifyV1({ body, throwOnError: true })).data as unknown as VerificationOutcome;
}
