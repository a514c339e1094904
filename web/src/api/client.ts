import { client } from './generated/client.gen';
import { session } from '../auth/session';
import { toApiProblem } from './problem';

/**
 * The generated client (./generated, from web/openapi.json) for this app: same origin as the
 * page, the access token from memory on every request, one retry after a silent refresh when
 * the token has expired, and every failure thrown as an ApiProblem.
 *
 * Call the SDK with `throwOnError: true` (the TanStack Query helpers in
 * ./generated/@tanstack/react-query.gen do so), so errors reach `catch` / `onError`.
 */
export function configureApiClient(): void {
  client.setConfig({ baseUrl: '', fetch: authorisedFetch });
  client.interceptors.error.use((error, response) => toApiProblem(error, response));
}

/** The client hands over a complete Request; the fetch signature is kept for its type. */
export async function authorisedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const token = session.accessToken;
  if (!token || request.headers.has('Authorization')) return fetch(request);
  // Kept before sending: a body can be read only once.
  const retry = request.clone();
  request.headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(request);
  if (response.status !== 401) return response;
  // Expired token: refresh once and retry. A refused refresh ends the session (sign in again).
  if (!(await session.refresh()) || !session.accessToken) {
    if (session.isSignedIn) session.expire();
    return response;
  }
  await response.text().catch(() => undefined); // read, not left open (the API's answers are never stored)
  retry.headers.set('Authorization', `Bearer ${session.accessToken}`);
  return fetch(retry);
}
