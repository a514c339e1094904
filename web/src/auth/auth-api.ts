import { queryOptions } from '@tanstack/react-query';
import * as api from '../api/generated/sdk.gen';
import type { IdentityVerificationOutcomeView, LoginRequest, MeView, RegisterRequest, SelfVerificationRequest, UpdateMeRequest } from '../api/generated/types.gen';
import { BROWSER_CLIENT_HEADERS, session, type IssuedSession } from './session';

/**
 * The auth and profile calls of the generated SDK, in one place: when operation ids change,
 * only this file follows. Everything throws an ApiProblem on failure.
 */
export type Me = MeView;
export type Role = Me['roles'][number];

export const meQuery = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: async ({ signal }) => (await api.getMe({ signal, throwOnError: true })).data,
    staleTime: 5 * 60_000,
  });

export async function signIn(body: LoginRequest): Promise<void> {
  const { data } = await api.login({ body, headers: BROWSER_CLIENT_HEADERS, throwOnError: true });
  session.start(data as IssuedSession);
}

/** Register, then sign in: the account is usable at once. */
export async function register(body: RegisterRequest, idempotencyKey: string): Promise<void> {
  const { data } = await api.register({
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
  await api.requestPasswordReset({ body: { email }, throwOnError: true });
}

export async function resetPassword(token: string, newPassword: string): Promise<void> {
  await api.resetPassword({ body: { token, newPassword }, throwOnError: true });
}

export async function updateMe(body: UpdateMeRequest): Promise<Me> {
  return (await api.updateMe({ body, throwOnError: true })).data;
}

export type VerificationOutcome = IdentityVerificationOutcomeView;

export async function requestIdentityVerification(body: SelfVerificationRequest): Promise<VerificationOutcome> {
  return (await api.requestIdentityVerification({ body, throwOnError: true })).data;
}
