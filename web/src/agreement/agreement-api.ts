import { queryOptions } from '@tanstack/react-query';
import { getAgreementDraft, listAgreementVersions } from '../api/generated/sdk.gen';
import type { AgreementVersionView } from '../api/generated/types.gen';
import { ApiProblem, ProblemType, toApiProblem } from '../api/problem';

/** The API's problem types of signing (src/agreements/agreement-signing.service.ts). */
export const SIGNATURE_CODE_REFUSED = 'urn:accord:problem:signature-code-refused';
export const STALE_AGREEMENT_VERSION = 'urn:accord:problem:stale-agreement-version';

const notFoundIsNull = <T>(error: unknown): T | null => {
  if (toApiProblem(error).status === 404) return null;
  throw error;
};

/** The draft, or null while the mediator has not started one. */
export const draftQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'agreement', 'draft'],
    queryFn: async ({ signal }) => (await getAgreementDraft({ path: { id: caseId }, signal, throwOnError: true }).catch(notFoundIsNull<never>))?.data ?? null,
  });

/** Every version, newest first. */
export const versionsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'agreement', 'versions'],
    queryFn: async ({ signal }) => (await listAgreementVersions({ path: { id: caseId }, signal, throwOnError: true })).data.items,
  });

/** The version being signed or in effect: the newest that is not void. */
export function liveVersion(versions: readonly AgreementVersionView[] | undefined): AgreementVersionView | undefined {
  return versions?.find((v) => v.status !== 'void');
}

/**
 * The draft's revision check answers 409 with `currentRevision` (a plain conflict): the same
 * situation as a stale case version, so it gets the same reload dialog.
 */
export function asStaleRevision(error: unknown): unknown {
  const problem = toApiProblem(error);
  if (problem.status === 409 && typeof problem.body.currentRevision === 'number') {
    return new ApiProblem({ ...problem.body, type: ProblemType.StaleVersion }, 409);
  }
  return error;
}
