import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { AccordServer } from './accord-server';
import type { Court } from './court-case';
import type { Lang } from './fixtures';
import { mediatingCase, type MediatingCase } from './mediating-case';

async function ok<T>(response: Promise<APIResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBe(status);
  return (await r.json()) as T;
}

/** The settlement's obligations: the respondent pays (within 20 days) and stops selling (within 5). */
export const OBLIGATIONS = [
  { id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '200000.00', currency: 'CNY', due: { daysAfterEffective: 20 } },
  { id: 'stop', kind: 'act', obligorSide: 'respondent', beneficiarySide: 'applicant', act: 'Stop selling the X200 charger', due: { daysAfterEffective: 5 } },
] as const;

/**
 * The mediator drafts the agreement of a case in mediation (OBLIGATIONS, no ownership), proposes
 * it, and the parties and the mediator sign it with e-mailed codes: the case is `settled`.
 */
export async function signAgreement(request: APIRequestContext, accord: AccordServer, mediating: MediatingCase, lang: Lang): Promise<void> {
  const { caseId, applicant, respondent, mediator } = mediating;
  const draft = await ok<{ revision: number; content: Record<string, unknown> & { parties: { kind: string; idNumber?: string; legalRepresentative?: string }[] } }>(
    request.post(`/api/v1/cases/${caseId}/agreement/draft`, { headers: mediator.auth, data: { language: lang } }),
    201,
  );
  const content = draft.content;
  content.parties.forEach((party, i) => {
    party.idNumber ||= `9133010${i}MA2H3X4Y5Z`;
    if (party.kind === 'organisation') party.legalRepresentative ||= 'Zhang San';
  });
  content.result = lang === 'en' ? 'The respondent stops selling the X200 charger and pays CNY 200,000.00.' : '被申请人停止销售 X200 充电器，并支付人民币 200,000.00 元。';
  content.performance = { obligations: OBLIGATIONS };
  content.confirmsOwnership = false;
  const saved = await ok<{ problems: unknown[] }>(request.put(`/api/v1/cases/${caseId}/agreement/draft`, { headers: mediator.auth, data: { revision: draft.revision, content } }));
  expect(saved.problems).toEqual([]);
  const version = await ok<{ hash: string }>(request.post(`/api/v1/cases/${caseId}/agreement/versions`, { headers: mediator.auth }), 201);
  for (const signer of [applicant, respondent, mediator]) {
    const codeMails = () => accord.smtp.to(signer.email).filter((m) => /^(Signing code|签署验证码)/.test(m.mail.subject ?? ''));
    const before = codeMails().length;
    await ok(request.post(`/api/v1/cases/${caseId}/agreement/signature-codes`, { headers: signer.auth, data: { versionHash: version.hash, channel: 'email' } }), 201);
    let code: string | undefined;
    await expect
      .poll(() => (code = /(?:Your code: |验证码：)(\d{6})/.exec(codeMails()[before]?.mail.text ?? '')?.[1]), { timeout: 30_000, message: `the signing code for ${signer.email}` })
      .toBeTruthy();
    await ok(request.post(`/api/v1/cases/${caseId}/agreement/signatures`, { headers: signer.auth, data: { versionHash: version.hash, code } }), 201);
  }
}

/** A case whose agreement is in effect (`settled`), reached through the API. */
export async function settledCase(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<MediatingCase> {
  const mediating = await mediatingCase(request, accord, lang);
  await signAgreement(request, accord, mediating, lang);
  const view = await ok<{ status: string }>(request.get(`/api/v1/cases/${mediating.caseId}`, { headers: mediating.applicant.auth }));
  expect(view.status).toBe('settled');
  return mediating;
}

/**
 * A settled case whose agreement `court` confirmed (`confirmed`), through the API: the joint
 * application, the clerk's docketing and the judge's ruling.
 */
export async function confirmedCase(request: APIRequestContext, accord: AccordServer, court: Court, lang: Lang): Promise<MediatingCase> {
  const settled = await settledCase(request, accord, lang);
  const started = await ok<{ id: string }>(
    request.post(`/api/v1/cases/${settled.caseId}/confirmation-applications`, { headers: settled.applicant.auth, data: { courtId: court.id, subjectMatterRegion: '330106' } }),
    201,
  );
  await ok(request.post(`/api/v1/confirmation-applications/${started.id}/consents`, { headers: settled.respondent.auth }));
  await ok(request.post(`/api/v1/confirmation-applications/${started.id}/docket`, { headers: court.clerk.auth }));
  const confirmed = await ok<{ status: string }>(request.post(`/api/v1/confirmation-applications/${started.id}/confirm`, { headers: court.judge.auth }));
  expect(confirmed.status).toBe('confirmed');
  return settled;
}
