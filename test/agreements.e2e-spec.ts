import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractText, getDocumentProxy } from 'unpdf';
import { GlobalRole } from '../src/auth/roles';
import { PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { caseInState } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const binary = (res: import('supertest').Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  // Line breaks fall wherever the layout puts them: compare the text as one run.
  return text.replace(/\s+/g, ' ');
}

/** A local date `days` from now, as the schedule writes due dates. */
const dateIn = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface DraftContent {
  parties: { idNumber?: string; legalRepresentative?: string }[];
  result: string;
  performance: unknown;
  confirmsOwnership: boolean | null;
  [key: string]: unknown;
}

interface Version {
  id: string;
  version: number;
  status: string;
  hash: string;
  documentId: string;
  signedDocumentId: string | null;
  confirmsOwnership: boolean;
  effectiveAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  confirmationWindowEndsAt: string | null;
  confirmationWindow: { lastDay: string; endsAt: string } | null;
  signatures: {
    id: string;
    signerId: string;
    signerName: string;
    signerRole: string;
    partyId: string | null;
    signedAt: string;
    voidedAt: string | null;
    codeChannel: string;
    codeDestination: string;
    digest: string;
  }[];
  awaiting: { role: string; partyId: string | null; name: string }[];
  refusals: { partyId: string; reason: string }[];
  content: Record<string, unknown>;
}

describe('settlement agreement: drafting, versions and e-signatures', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, QUEUE_PREFIX: `agr${randomUUID().slice(0, 6)}`, OUTBOX_POLL_INTERVAL_MS: '100' },
    });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** A case in mediation with verified parties, a mediator and a referring court's clerk. */
  async function mediatingCase() {
    const applicant = await signedInUser(t, { verified: true, displayName: `Alice Applicant ${randomUUID().slice(0, 4)}` });
    const respondent = await signedInUser(t, { verified: true, displayName: `Rob Respondent ${randomUUID().slice(0, 4)}` });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true, displayName: `Mia Mediator ${randomUUID().slice(0, 4)}` });
    const unverifiedAgent = await signedInUser(t, { verified: false });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id);
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
      referringCourtId: court.id,
      agents: [{ userId: unverifiedAgent.user.id, side: PartySide.Applicant }],
    });
    return { caseId: c.id, number: c.number, applicant, respondent, mediator, unverifiedAgent, clerk };
  }
  type Fixture = Awaited<ReturnType<typeof mediatingCase>>;

  const api = (path: string) => `/api/v1/cases/${path}`;

  /** The template filled in as a mediator would: identities, the result, the schedule, the 确权 flag. */
  async function draftAgreement(f: Fixture, edit: (content: DraftContent) => void = () => undefined): Promise<DraftContent> {
    const existing = await t.http.get(api(`${f.caseId}/agreement/draft`)).set('Authorization', f.mediator.bearer);
    const created =
      existing.status === 200
        ? existing
        : await t.http
            .post(api(`${f.caseId}/agreement/draft`))
            .set('Authorization', f.mediator.bearer)
            .send({ language: 'en' })
            .expect(201);
    const content = created.body.content as DraftContent;
    content.parties[0].idNumber = '330102199001011234';
    content.parties[1].idNumber = '91440300MA5XXXXXX2';
    content.parties[1].legalRepresentative = 'Wang Wu';
    content.result = 'The respondent stops selling the infringing chargers, takes its listings down and pays CNY 300,000.00 in two instalments.';
    content.performance = {
      obligations: [
        {
          id: 'pay',
          kind: 'money',
          obligorSide: 'respondent',
          beneficiarySide: 'applicant',
          amount: '300000.00',
          currency: 'CNY',
          instalments: [
            { amount: '150000.00', due: { date: dateIn(30) } },
            { amount: '150000.00', due: { date: dateIn(60) } },
          ],
          description: 'By bank transfer to the applicant’s account',
        },
        { id: 'delist', kind: 'act', obligorSide: 'respondent', beneficiarySide: 'applicant', act: 'Take down every listing of the X200 charger', due: { daysAfterEffective: 5 } },
      ],
    };
    content.confirmsOwnership = false;
    edit(content);
    const saved = await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: created.body.revision, content })
      .expect(200);
    expect(saved.body.problems).toEqual([]);
    return content;
  }

  const propose = async (f: Fixture): Promise<Version> =>
    (
      await t.http
        .post(api(`${f.caseId}/agreement/versions`))
        .set('Authorization', f.mediator.bearer)
        .send({})
        .expect(201)
    ).body as Version;

  const versions = async (f: Fixture, who: SignedIn): Promise<Version[]> =>
    (
      await t.http
        .get(api(`${f.caseId}/agreement/versions`))
        .set('Authorization', who.bearer)
        .expect(200)
    ).body.items as Version[];

  const codeMails = (email: string) => smtp.to(email).filter((m) => (m.mail.subject ?? '').startsWith('Signing code'));

  /** Asks for a code by e-mail and reads it from the message the real SMTP server received. */
  async function codeFor(f: Fixture, who: SignedIn, versionHash: string): Promise<string> {
    const before = codeMails(who.user.email).length;
    const res = await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', who.bearer)
      .send({ versionHash, channel: 'email' })
      .expect(201);
    expect(res.body).toMatchObject({ channel: 'email', destination: `${who.user.email[0]}***@test.accord`, maxAttempts: 5 });
    const mail = await eventually(async () => codeMails(who.user.email)[before], 15_000, `the signing code for ${who.user.email}`);
    const code = /Your code: (\d{6})/.exec(mail.mail.text ?? '')?.[1];
    if (!code) throw new Error(`no code in ${mail.mail.text}`);
    expect(mail.mail.text).toContain(versionHash.slice(0, 16));
    return code;
  }

  const sign = (f: Fixture, who: SignedIn, versionHash: string, code: string) =>
    t.http
      .post(api(`${f.caseId}/agreement/signatures`))
      .set('Authorization', who.bearer)
      .set('User-Agent', 'agreements-e2e/1.0')
      .send({ versionHash, code });

  const caseStatus = async (f: Fixture): Promise<string> => (await t.http.get(api(f.caseId)).set('Authorization', f.mediator.bearer).expect(200)).body.status;

  it('drafted with a schedule, signed by both parties and the mediator with e-mailed codes: settled, signed PDF served on both parties', async () => {
    const f = await mediatingCase();

    // The template is filled from the case and says what is missing; only participants read it.
    const created = await t.http
      .post(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ language: 'en' })
      .expect(201);
    expect(created.body.content).toMatchObject({
      language: 'en',
      caseNumber: f.number,
      mediator: { userId: f.mediator.user.id, name: f.mediator.user.displayName },
      confirmsOwnership: null,
    });
    expect(created.body.content.parties.map((p: { name: string }) => p.name)).toEqual(['Fixture Applicant', 'Fixture Respondent Ltd']);
    expect(created.body.content.facts).toContain('trademark');
    expect((created.body.problems as { field: string }[]).map((p) => p.field)).toEqual(
      expect.arrayContaining(['parties.0.idNumber', 'result', 'performance.obligations', 'confirmsOwnership']),
    );
    await t.http
      .get(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.respondent.bearer)
      .expect(200);
    await t.http
      .get(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.clerk.bearer)
      .expect(403);
    await t.http
      .get(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', admin.bearer)
      .expect(403);
    // A party does not edit it.
    await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.applicant.bearer)
      .send({ revision: 1, content: created.body.content })
      .expect(403);
    // Nothing to propose while it is incomplete: refused per field.
    const incomplete = await t.http
      .post(api(`${f.caseId}/agreement/versions`))
      .set('Authorization', f.mediator.bearer)
      .send({})
      .expect(400);
    expect(incomplete.headers['content-type']).toContain('application/problem+json');
    const content = await draftAgreement(f);

    const v1 = await propose(f);
    expect(v1).toMatchObject({ version: 1, status: 'signing', confirmsOwnership: false, effectiveAt: null, signatures: [] });
    expect(v1.awaiting.map((a) => a.role)).toEqual(['party', 'party', 'mediator']);
    expect(v1.content).toMatchObject({ performance: content.performance });
    expect(await caseStatus(f)).toBe('signing');

    // The frozen PDF: every part of the agreement, readable by the parties, not by the court.
    const frozenPdf = await t.http.get(`/api/v1/documents/${v1.documentId}/content`).set('Authorization', f.respondent.bearer).buffer(true).parse(binary).expect(200);
    const frozenText = await pdfText(frozenPdf.body as Buffer);
    for (const part of [
      'Settlement Agreement',
      'Fixture Applicant',
      'Fixture Respondent Ltd',
      '91440300MA5XXXXXX2',
      'Main facts',
      'Issues in dispute',
      'CNY 150,000.00',
      'listing of the X200 charger',
      f.mediator.user.displayName,
    ]) {
      expect(frozenText).toContain(part);
    }
    await t.http.get(`/api/v1/documents/${v1.documentId}/content`).set('Authorization', f.clerk.bearer).expect(404);
    expect(await versions(f, f.clerk)).toEqual([]);
    expect(await versions(f, admin)).toEqual([]);

    // Someone who is not a party cannot sign (they cannot even see the case); a court clerk who can see it may not.
    const stranger = await signedInUser(t, { verified: true });
    await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', stranger.bearer)
      .send({ versionHash: v1.hash, channel: 'email' })
      .expect(404);
    await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', f.clerk.bearer)
      .send({ versionHash: v1.hash, channel: 'email' })
      .expect(403);
    // An agent without a verified identity cannot sign.
    const unverified = await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', f.unverifiedAgent.bearer)
      .send({ versionHash: v1.hash, channel: 'email' })
      .expect(403);
    expect(unverified.body.detail).toMatch(/identity/);
    await sign(f, f.unverifiedAgent, v1.hash, '123456').expect(403);
    // Bad input names the field.
    const bad = await t.http
      .post(api(`${f.caseId}/agreement/signatures`))
      .set('Authorization', f.applicant.bearer)
      .send({ versionHash: 'nope', code: '12' })
      .expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['code', 'versionHash']);

    // The applicant: a wrong code is refused and counted, the right one signs, and it signs once.
    const applicantCode = await codeFor(f, f.applicant, v1.hash);
    const wrong = applicantCode === '000000' ? '000001' : '000000';
    const refused = await sign(f, f.applicant, v1.hash, wrong).expect(400);
    expect(refused.body).toMatchObject({ type: 'urn:accord:problem:signature-code-refused', attemptsLeft: 4, errors: [{ field: 'code', rule: 'wrong' }] });
    const signed = await sign(f, f.applicant, v1.hash, applicantCode).expect(201);
    expect(signed.body.signature).toMatchObject({ signerId: f.applicant.user.id, signerRole: 'party', agreementHash: v1.hash, codeChannel: 'email', voidedAt: null });
    expect(signed.body.signature).not.toHaveProperty('code');
    const reused = await sign(f, f.applicant, v1.hash, applicantCode).expect(400);
    expect(reused.body.errors[0].rule).toBe('used');
    // The signature binds the attempt's origin and the code's proof; the code itself is stored nowhere.
    const [record] = await t.db.query(`SELECT ip, user_agent, code_id, digest FROM agreement_signatures WHERE id = $1`, [signed.body.signature.id]);
    expect(record.user_agent).toBe('agreements-e2e/1.0');
    expect(record.ip).toMatch(/127\.0\.0\.1|::1/);
    const [codeRow] = await t.db.query(`SELECT row_to_json(s)::text AS json, attempts, used_at FROM signature_codes s WHERE id = $1`, [record.code_id]);
    expect(codeRow.attempts).toBe(1);
    expect(codeRow.used_at).not.toBeNull();
    const outboxRows = await t.db.query(`SELECT data::text AS data FROM outbox WHERE job = 'agreements.send-signature-code' AND data->>'codeId' = $1`, [record.code_id]);
    expect(outboxRows).toHaveLength(1);
    expect(JSON.parse(outboxRows[0].data)).toEqual({ codeId: record.code_id });
    expect(codeRow.json).not.toContain(`"${applicantCode}"`);

    // A stale version hash is refused.
    await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', f.respondent.bearer)
      .send({ versionHash: 'f'.repeat(64), channel: 'email' })
      .expect(409);

    // The respondent, then the mediator: the last signature makes it effective.
    await sign(f, f.respondent, v1.hash, await codeFor(f, f.respondent, v1.hash)).expect(201);
    expect(await caseStatus(f)).toBe('signing');
    const last = await sign(f, f.mediator, v1.hash, await codeFor(f, f.mediator, v1.hash)).expect(201);
    expect(await caseStatus(f)).toBe('settled');
    const effective = last.body.agreement as Version;
    expect(effective.status).toBe('effective');
    expect(effective.effectiveAt).toBe(last.body.signature.signedAt);
    expect(effective.signatures.map((s) => s.signerName)).toEqual([f.applicant.user.displayName, f.respondent.user.displayName, f.mediator.user.displayName]);
    expect(effective.awaiting).toEqual([]);
    expect(new Date(effective.confirmationWindowEndsAt!).getTime() - new Date(effective.effectiveAt!).getTime()).toBeGreaterThan(29 * 86_400_000);
    expect(new Date(effective.confirmationWindowEndsAt!).getTime() - new Date(effective.effectiveAt!).getTime()).toBeLessThanOrEqual(31 * 86_400_000);
    expect(effective.confirmationWindow?.endsAt).toBe(effective.confirmationWindowEndsAt);

    // Served on every party, with the signed PDF naming every signer; now the court may read it.
    const services = (
      await t.http
        .get(api(`${f.caseId}/services`))
        .set('Authorization', admin.bearer)
        .expect(200)
    ).body.items as { purpose: string; partyId: string; documentId: string }[];
    // (The referring court's copy, filed with it under rule C14, is the test below.)
    const signedServices = services.filter((s) => s.purpose === 'signed_agreement' && s.partyId !== null);
    expect(signedServices).toHaveLength(2);
    expect(new Set(signedServices.map((s) => s.documentId))).toEqual(new Set([effective.signedDocumentId]));
    const signedPdf = await t.http.get(`/api/v1/documents/${effective.signedDocumentId}/content`).set('Authorization', f.clerk.bearer).buffer(true).parse(binary).expect(200);
    const signedText = await pdfText(signedPdf.body as Buffer);
    for (const part of ['Signature page', f.applicant.user.displayName, f.respondent.user.displayName, f.mediator.user.displayName, v1.hash]) expect(signedText).toContain(part);
    expect((await versions(f, f.clerk)).map((v) => v.id)).toEqual([v1.id]);

    // The chain records the effect with the version, for confirmation and performance tracking.
    const [event] = await t.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'agreement_effective'`, [f.caseId]);
    expect(event.payload).toMatchObject({ versionId: v1.id, effectiveAt: effective.effectiveAt, signedDocumentId: effective.signedDocumentId });
    const verification = await t.http
      .get(api(`${f.caseId}/events/verification`))
      .set('Authorization', f.mediator.bearer)
      .expect(200);
    expect(verification.body.ok).toBe(true);

    // Nothing more to sign.
    await t.http
      .post(api(`${f.caseId}/agreement/signature-codes`))
      .set('Authorization', f.applicant.bearer)
      .send({ versionHash: v1.hash, channel: 'email' })
      .expect(409);
  });

  it('a change after one signature voids it: a new version, signed again by everyone; the 确权 flag is kept on the version', async () => {
    const f = await mediatingCase();
    await draftAgreement(f);
    const v1 = await propose(f);
    await sign(f, f.applicant, v1.hash, await codeFor(f, f.applicant, v1.hash)).expect(201);
    // A code the respondent holds for version 1 stops working with the change.
    const respondentOldCode = await codeFor(f, f.respondent, v1.hash);

    // Proposing the same text again changes nothing.
    await t.http
      .post(api(`${f.caseId}/agreement/versions`))
      .set('Authorization', f.mediator.bearer)
      .send({})
      .expect(409);

    const draft = (
      await t.http
        .get(api(`${f.caseId}/agreement/draft`))
        .set('Authorization', f.mediator.bearer)
        .expect(200)
    ).body;
    const changed = { ...draft.content, result: `${draft.content.result} The respondent also assigns the X200 design patent.`, confirmsOwnership: true };
    // A stale revision of the draft is refused.
    await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: draft.revision - 1, content: changed })
      .expect(409);
    await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: draft.revision, content: changed })
      .expect(200);
    const v2 = await propose(f);
    expect(v2).toMatchObject({ version: 2, status: 'signing', confirmsOwnership: true, signatures: [] });
    expect(v2.hash).not.toBe(v1.hash);
    expect(await caseStatus(f)).toBe('signing');

    const [old] = (await versions(f, f.applicant)).filter((v) => v.id === v1.id);
    expect(old).toMatchObject({ status: 'void', voidReason: expect.stringContaining('replaced by version 2') });
    expect(old.voidedAt).not.toBeNull();
    expect(old.signatures).toHaveLength(1);
    expect(old.signatures[0].voidedAt).not.toBeNull();
    // The old version can't be signed any more, with an old code or a new one.
    const stale = await sign(f, f.respondent, v1.hash, respondentOldCode).expect(409);
    expect(stale.body).toMatchObject({ type: 'urn:accord:problem:stale-agreement-version', currentVersion: 2, currentVersionHash: v2.hash });
    await sign(f, f.respondent, v2.hash, respondentOldCode).expect(400);

    // Everyone signs version 2 — the applicant again.
    for (const who of [f.respondent, f.mediator]) await sign(f, who, v2.hash, await codeFor(f, who, v2.hash)).expect(201);
    expect(await caseStatus(f)).toBe('signing');
    const last = await sign(f, f.applicant, v2.hash, await codeFor(f, f.applicant, v2.hash)).expect(201);
    expect(last.body.agreement).toMatchObject({ id: v2.id, status: 'effective', confirmsOwnership: true, effectiveAt: last.body.signature.signedAt });
    expect(await caseStatus(f)).toBe('settled');
    const [row] = await t.db.query(`SELECT confirms_ownership, status FROM agreement_versions WHERE id = $1`, [v2.id]);
    expect(row).toEqual({ confirms_ownership: true, status: 'effective' });
  });

  it('a pre-filing referral settled: the signed agreement is filed with the referring court by service, with its proof; other cases are not (rule C14)', async () => {
    type Served = { id: string; purpose: string; partyId: string | null; recipientOrganisationId: string | null; documentId: string; effectiveAt: string | null };
    const settle = async (f: Fixture): Promise<Version> => {
      await draftAgreement(f);
      const v1 = await propose(f);
      for (const who of [f.applicant, f.respondent]) await sign(f, who, v1.hash, await codeFor(f, who, v1.hash)).expect(201);
      const last = await sign(f, f.mediator, v1.hash, await codeFor(f, f.mediator, v1.hash)).expect(201);
      expect(await caseStatus(f)).toBe('settled');
      return last.body.agreement as Version;
    };
    const servicesOf = async (f: Fixture, who: SignedIn = admin): Promise<Served[]> =>
      (
        await t.http
          .get(api(`${f.caseId}/services`))
          .set('Authorization', who.bearer)
          .expect(200)
      ).body.items as Served[];

    // 委派 (the fixture's referral is pre-filing): the court is served the signed agreement in the same transaction.
    const f = await mediatingCase();
    const [{ courtId }] = await t.db.query(`SELECT referring_court_id AS "courtId" FROM cases WHERE id = $1`, [f.caseId]);
    const effective = await settle(f);
    const toCourt = (await servicesOf(f)).filter((s) => s.purpose === 'signed_agreement' && s.partyId === null);
    expect(toCourt).toEqual([expect.objectContaining({ recipientOrganisationId: courtId, documentId: effective.signedDocumentId })]);
    // Not complete until the court opens it in the platform (its members' accounts are its address): then the proof, the certificate of service.
    expect(toCourt[0].effectiveAt).toBeNull();
    await t.http.post(`/api/v1/services/${toCourt[0].id}/certificate`).set('Authorization', f.clerk.bearer).expect(409);
    const opened = await t.http.get(`/api/v1/services/${toCourt[0].id}/document`).set('Authorization', f.clerk.bearer).buffer(true).parse(binary).expect(200);
    expect(await pdfText(opened.body as Buffer)).toContain('Signature page');
    const filed = (await servicesOf(f, f.clerk)).find((s) => s.id === toCourt[0].id)!;
    expect(filed.effectiveAt).not.toBeNull();
    const certificate = await t.http.post(`/api/v1/services/${filed.id}/certificate`).set('Authorization', f.clerk.bearer).expect(200);
    expect(certificate.body).toMatchObject({ kind: 'service_certificate', visibility: 'court' });
    const [sent] = await t.db.query(`SELECT payload FROM case_events WHERE case_id = $1 AND type = 'service_sent' AND payload->>'recipientOrganisationId' = $2`, [
      f.caseId,
      courtId,
    ]);
    expect(sent.payload).toMatchObject({ purpose: 'signed_agreement', documentId: effective.signedDocumentId });

    // 委托 (after filing) and an online application: nothing is filed with a court at settlement.
    const postFiling = await mediatingCase();
    await t.db.query(`UPDATE cases SET referral_type = 'post_filing_ordinary' WHERE id = $1`, [postFiling.caseId]);
    const online = await mediatingCase();
    await t.db.query(`UPDATE cases SET referring_court_id = NULL, referral_type = NULL, source = 'online_application' WHERE id = $1`, [online.caseId]);
    for (const other of [postFiling, online]) {
      await settle(other);
      const served = (await servicesOf(other)).filter((s) => s.purpose === 'signed_agreement');
      expect(served.map((s) => s.partyId === null)).toEqual([false, false]);
    }
  }, 120_000);

  it('refuses invalid drafts per field and changes nothing', async () => {
    const f = await mediatingCase();
    const created = await t.http
      .post(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ language: 'zh-CN' })
      .expect(201);
    expect(created.body.content.otherTerms[0]).toContain('电子签名');
    await t.http
      .post(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ language: 'zh-CN' })
      .expect(409);
    await t.http
      .post(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ language: 'fr' })
      .expect(400);
    const content = {
      ...created.body.content,
      parties: [
        { ...created.body.content.parties[0], idNumber: 'X1' },
        { ...created.body.content.parties[1], partyId: randomUUID(), idNumber: 'Y2', legalRepresentative: '王五' },
      ],
      result: '赔偿',
      performance: {
        obligations: [{ id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'respondent', amount: '10.001', currency: 'CNY', due: { date: '2020-01-01' } }],
      },
      confirmsOwnership: false,
    };
    const res = await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: 1, content })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['content.performance.obligations.0.beneficiarySide', 'content.performance.obligations.0.amount', 'content.parties.1.partyId', 'content.parties']),
    );
    const after = (
      await t.http
        .get(api(`${f.caseId}/agreement/draft`))
        .set('Authorization', f.mediator.bearer)
        .expect(200)
    ).body;
    expect(after.revision).toBe(1);
    expect(after.content.result).toBe('');
    await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: 1 })
      .expect(400);
  });

  it('a party refusing to sign: the mediator takes it back to mediation and the version is void', async () => {
    const f = await mediatingCase();
    await draftAgreement(f);
    const v1 = await propose(f);
    await sign(f, f.mediator, v1.hash, await codeFor(f, f.mediator, v1.hash)).expect(201);
    await t.http
      .post(api(`${f.caseId}/agreement/refusals`))
      .set('Authorization', f.mediator.bearer)
      .send({ versionHash: v1.hash, reason: 'not mine to refuse' })
      .expect(403);
    const refusal = await t.http
      .post(api(`${f.caseId}/agreement/refusals`))
      .set('Authorization', f.respondent.bearer)
      .send({ versionHash: v1.hash, reason: 'The amount is too high' })
      .expect(201);
    expect(refusal.body).toMatchObject({ reason: 'The amount is too high', userId: f.respondent.user.id });
    expect(await caseStatus(f)).toBe('signing');
    const [seen] = await versions(f, f.applicant);
    expect(seen.refusals).toEqual([expect.objectContaining({ reason: 'The amount is too high' })]);

    await t.http
      .post(api(`${f.caseId}/agreement/revise`))
      .set('Authorization', f.respondent.bearer)
      .send({ reason: 'not a party decision' })
      .expect(403);
    const revised = await t.http
      .post(api(`${f.caseId}/agreement/revise`))
      .set('Authorization', f.mediator.bearer)
      .send({ reason: 'The respondent refused the amount' })
      .expect(200);
    // The answer is the case view the revision produced.
    expect(revised.body).toMatchObject({ id: f.caseId, status: 'mediating' });
    expect(await caseStatus(f)).toBe('mediating');
    const [voided] = await versions(f, f.mediator);
    expect(voided).toMatchObject({ status: 'void', voidReason: 'revise_agreement: The respondent refused the amount' });
    expect(voided.signatures[0].voidedAt).not.toBeNull();
    // Back in mediation the draft can change and be proposed again as version 2.
    const draft = (
      await t.http
        .get(api(`${f.caseId}/agreement/draft`))
        .set('Authorization', f.mediator.bearer)
        .expect(200)
    ).body;
    const content = { ...draft.content, result: `${draft.content.result} Reduced.` };
    await t.http
      .put(api(`${f.caseId}/agreement/draft`))
      .set('Authorization', f.mediator.bearer)
      .send({ revision: draft.revision, content })
      .expect(200);
    expect((await propose(f)).version).toBe(2);
  });
});

describe('signing codes by SMS, and never through a channel that only logs', () => {
  let t: TestApp;
  const texts: { to: string; text: string; key: string | undefined }[] = [];
  let provider: Server;

  beforeAll(async () => {
    // A real HTTP server on loopback playing the SMS provider.
    provider = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const { to, text } = JSON.parse(body) as { to: string; text: string };
        texts.push({ to, text, key: req.headers['idempotency-key'] as string | undefined });
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${texts.length}` }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      env: {
        // No SMTP_URL: e-mail would only be logged.
        SMS_DRIVER: 'http',
        SMS_PROVIDER_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`,
        SMS_PROVIDER_KEY: 'sk_test_agreements',
        QUEUE_PREFIX: `ags${randomUUID().slice(0, 6)}`,
        OUTBOX_POLL_INTERVAL_MS: '100',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    provider.closeAllConnections();
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  it('sends the code to the signer’s phone; refuses e-mail when it would only be written to the log', async () => {
    const applicant = await signedInUser(t, { verified: true, phone: '+8613912345678' });
    const respondent = await signedInUser(t, { verified: true });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true });
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
    });
    const api = `/api/v1/cases/${c.id}/agreement`;
    const draft = (await t.http.post(`${api}/draft`).set('Authorization', mediator.bearer).send({ language: 'zh-CN' }).expect(201)).body;
    const content = {
      ...draft.content,
      parties: [
        { ...draft.content.parties[0], idNumber: '330102199001011234' },
        { ...draft.content.parties[1], idNumber: '91440300MA5XXXXXX2', legalRepresentative: '王五' },
      ],
      result: '被申请人赔偿申请人1,000元。',
      performance: {
        obligations: [{ id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '1000.00', currency: 'CNY', due: { daysAfterEffective: 10 } }],
      },
      confirmsOwnership: false,
    };
    await t.http.put(`${api}/draft`).set('Authorization', mediator.bearer).send({ revision: draft.revision, content }).expect(200);
    const version = (await t.http.post(`${api}/versions`).set('Authorization', mediator.bearer).send({}).expect(201)).body as Version;

    const refused = await t.http.post(`${api}/signature-codes`).set('Authorization', applicant.bearer).send({ versionHash: version.hash, channel: 'email' }).expect(503);
    expect(refused.body.detail).toMatch(/mail server/);
    expect(await t.db.query(`SELECT 1 FROM signature_codes WHERE version_id = $1`, [version.id])).toHaveLength(0);

    // Default channel: SMS, when a provider is configured and the account has a number.
    const issued = await t.http.post(`${api}/signature-codes`).set('Authorization', applicant.bearer).send({ versionHash: version.hash }).expect(201);
    expect(issued.body).toMatchObject({ channel: 'sms', destination: '+86139****5678' });
    // Lifecycle notices go to the same phone; the code's message carries the code's id as idempotency key.
    const sms = await eventually(async () => texts.find((m) => m.key === `signature-code-${issued.body.codeId}`), 15_000, 'the code by SMS');
    expect(sms.to).toBe('+8613912345678');
    const code = /Code (\d{6})/.exec(sms.text)?.[1];
    expect(code).toBeDefined();
    const signed = await t.http.post(`${api}/signatures`).set('Authorization', applicant.bearer).send({ versionHash: version.hash, code }).expect(201);
    expect(signed.body.signature).toMatchObject({ codeChannel: 'sms', codeDestination: '+86139****5678' });
    const [row] = await t.db.query(`SELECT delivery_status, provider_message_id FROM signature_codes WHERE id = $1`, [issued.body.codeId]);
    expect(row).toEqual({ delivery_status: 'sent', provider_message_id: expect.stringMatching(/^sms-/) });
  });
});
