import { queryOptions } from '@tanstack/react-query';
import { listCaseEvents, listDocuments } from '../api/generated/sdk.gen';
import type { DocumentView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';
import { session } from '../auth/session';

export const documentsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'documents'],
    queryFn: async ({ signal }): Promise<DocumentView[]> => (await listDocuments({ path: { id: caseId }, signal, throwOnError: true })).data.items,
  });

export interface CorrectionRequest {
  reason?: string;
  items: string[];
  dueAt?: string;
}

/** The intake's last request for a correction: its reasons and deadline are in the event's payload. */
export const correctionQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'correction'],
    queryFn: async ({ signal }): Promise<CorrectionRequest | null> => {
      const { data } = await listCaseEvents({ path: { id: caseId }, signal, throwOnError: true });
      const last = [...data.items].reverse().find((e) => e.type === 'request_correction');
      if (!last) return null;
      const p = last.payload;
      return {
        reason: typeof p.reason === 'string' ? p.reason : undefined,
        items: Array.isArray(p.items) ? p.items.filter((i): i is string => typeof i === 'string') : [],
        dueAt: typeof p.dueAt === 'string' ? p.dueAt : undefined,
      };
    },
  });

/**
 * Uploads one file with progress. The generated client uses fetch, which cannot report upload
 * progress; XMLHttpRequest can. The Idempotency-Key is the file's own (Ant Design's uid), so a
 * retry of the same file stores it once.
 */
export function uploadWithProgress(
  caseId: string,
  file: File,
  query: { kind: string; visibility?: string },
  idempotencyKey: string,
  onProgress: (percent: number) => void,
): Promise<DocumentView> {
  const send = (token: string | undefined) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const params = new URLSearchParams({ kind: query.kind, ...(query.visibility ? { visibility: query.visibility } : {}) });
      xhr.open('POST', `/api/v1/cases/${caseId}/documents?${params.toString()}`);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = () => {
        let body: unknown = xhr.responseText;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(toApiProblem(new Error('network')));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  return (async () => {
    let answer = await send(session.accessToken);
    if (answer.status === 401 && (await session.refresh())) answer = await send(session.accessToken);
    if (answer.status >= 200 && answer.status < 300) return answer.body as DocumentView;
    throw toApiProblem(answer.body, new Response(null, { status: answer.status }));
  })();
}
