import { queryOptions } from '@tanstack/react-query';
import { authorisedFetch } from '../api/client';
import { listCaseEvents, listDeadlines, listDocuments, listServices, verifyCaseEvents } from '../api/generated/sdk.gen';
import type { DeadlineView, DocumentView, UploadDocumentData } from '../api/generated/types.gen';
import { ApiProblem, ProblemType, toApiProblem } from '../api/problem';
import { session } from '../auth/session';
import { saveBlob } from '../api/save-file';

export type UploadKind = UploadDocumentData['query']['kind'];
export type Visibility = DocumentView['visibility'];

export const caseEventsQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id, 'events'],
    queryFn: async ({ signal }) => (await listCaseEvents({ path: { id }, signal, throwOnError: true })).data.items,
  });

export const chainQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id, 'events', 'verify'],
    queryFn: async ({ signal }) => (await verifyCaseEvents({ path: { id }, signal, throwOnError: true })).data,
  });

export const documentsQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id, 'documents'],
    queryFn: async ({ signal }) => (await listDocuments({ path: { id }, signal, throwOnError: true })).data.items,
  });

export const servicesQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id, 'services'],
    queryFn: async ({ signal }) => (await listServices({ path: { id }, signal, throwOnError: true })).data.items,
  });

export const deadlinesQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id, 'deadlines'],
    queryFn: async ({ signal }) => (await listDeadlines({ path: { id }, signal, throwOnError: true })).data.items,
  });

/** The running (or paused) deadline that falls due first; fired and cancelled ones are history. */
export function nextDeadline(deadlines: readonly DeadlineView[]): DeadlineView | undefined {
  return deadlines.filter((d) => d.state === 'running' || d.state === 'paused').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

/** A document's bytes, with the session's token (a plain link cannot carry it). */
export async function fetchDocumentBlob(documentId: string): Promise<Blob> {
  const response = await authorisedFetch(`/api/v1/documents/${encodeURIComponent(documentId)}/content`);
  if (!response.ok) throw toApiProblem(await response.json().catch(() => undefined), response);
  return response.blob();
}

/** Saves a document under its own name. */
export async function downloadDocument(documentId: string, filename: string): Promise<void> {
  saveBlob(await fetchDocumentBlob(documentId), filename);
}

export interface UploadRequest {
  caseId: string;
  file: Blob & { name?: string };
  kind: UploadKind;
  visibility: Visibility;
  idempotencyKey: string;
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Multipart upload to POST /cases/{id}/documents. XMLHttpRequest, not fetch: only it reports
 * upload progress, which a party sending a 50 MB exhibit over a slow line needs to see.
 */
export async function uploadDocumentWithProgress(request: UploadRequest): Promise<DocumentView> {
  // A token about to expire would fail mid-upload: refresh first if there is none.
  if (!session.accessToken) await session.refresh();
  const query = new URLSearchParams({ kind: request.kind, visibility: request.visibility });
  const body = new FormData();
  body.append('file', request.file, request.file.name ?? 'document');
  return new Promise<DocumentView>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/cases/${encodeURIComponent(request.caseId)}/documents?${query}`);
    if (session.accessToken) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
    xhr.setRequestHeader('Idempotency-Key', request.idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as DocumentView);
      else reject(new ApiProblem(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { title: xhr.statusText }, xhr.status));
    };
    xhr.onerror = () => reject(new ApiProblem({ type: ProblemType.Network, title: 'Network error' }, 0));
    request.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
