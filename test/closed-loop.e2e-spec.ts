import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlobalRole, Language } from '../src/auth/roles';
import { rawTokens } from '../src/common/documents-i18n/raw-tokens';
import { DocumentKind, GENERATED_KINDS } from '../src/documents/document.entity';
import { MembershipRole } from '../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { readZip } from './support/archive-fixtures';
import { applicationBody, referralBody, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, mediatorProfile, profiledMediator, signedInUser, type SignedIn } from './support/factories';
import { pdfText } from './support/pdf-text';
import { makeTempDir } from './setup/test-services';
import { serviceLinkIn, startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/**
 * The whole closed loop (BRIEF.md), over HTTP only, as the people who act: an online application
 * and a court referral each go application → assignment → electronic service → mediation →
 * signed agreement → judicial confirmation → performance → archive, and the archive verifies
 * online and offline. The quickest way to see the whole platform work: `npm test -- closed-loop`.
 */
const VERIFY = join(__dirname, '..', 'scripts', 'archive-verify.cjs');

const bytes = (res: import('supertest').Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the closed loop, end to end', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;
  const dir = makeTempDir('accord-closed-loop-');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://accord.test',
        QUEUE_PREFIX: `loop${randomUUID().slice(0, 6)}`,
        OUTBOX_POLL_INTERVAL_MS: '100',
        DEADLINE_SWEEP_INTERVAL_MS: '250',
      },
    });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin], verified: true });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const api = (path: string) => `/api/v1/${path}`;
  const get = (who: SignedIn, path: string) => t.http.get(api(path)).set('Authorization', who.bearer);
  const post = (who: SignedIn, path: string, body: object = {}) => t.http.post(api(path)).set('Authorization', who.bearer).send(body);
  const put = (who: SignedIn, path: string, body: object) => t.http.put(api(path)).set('Authorization', who.bearer).send(body);
  const status = async (caseId: string, who: SignedIn): Promise<string> => (await get(who, `cases/${caseId}`).expect(200)).body.status as string;
  const version = async (caseId: string, who: SignedIn): Promise<number> => (await get(who, `cases/${caseId}`).expect(200)).body.version as number;
  const waitForStatus = (caseId: string, who: SignedIn, wanted: string) =>
    eventually(async () => ((await status(caseId, who)) === wanted ? true : undefined), 30_000, `case ${caseId} to be ${wanted}`);

  /** A court with a clerk and a judge, and a mediator who serves it and takes patent disputes. */
  async function people() {
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, region: '330106' });
    await t.db.getRepository(Organisation).update({ id: court.id }, { courtLevel: CourtLevel.Basic });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk], verified: true });
    const judge = await signedInUser(t, { roles: [GlobalRole.Judge], verified: true });
    await addMembership(t.db, clerk.user.id, court.id, MembershipRole.Member);
    await addMembership(t.db, judge.user.id, court.id, MembershipRole.Member);
    const mediator = await profiledMediator(t, admin, mediatorProfile([court.id], { technicalFields: ['G06F'] }), {
      verified: true,
      displayName: `Mediator ${randomUUID().slice(0, 4)}`,
    });
    const applicant = await signedInUser(t, { verified: true, language: Language.En });
    const respondent = await signedInUser(t, { verified: true, language: Language.En });
    return { court, clerk, judge, mediator, applicant, respondent };
  }
  type People = Awaited<ReturnType<typeof people>>;

  /** Assignment and service: the matcher offers the mediator, who accepts; the notice is served and answered. */
  async function assignServeAndAgree(caseId: string, p: People, respondentHasTheCase: boolean): Promise<void> {
    // The matcher offers the case to the mediator, who sees it in the queue.
    await eventually(
      async () => {
        const queue = (await get(p.mediator, 'assignment/queue').expect(200)).body as { offers: { caseId: string }[] };
        return queue.offers.find((o) => o.caseId === caseId);
      },
      30_000,
      'the offer to the mediator',
    );
    await post(p.mediator, `cases/${caseId}/assignment/accept`, { noConflict: true }).expect(200);
    expect(await status(caseId, p.mediator)).toBe('awaiting_respondent');

    // The respondent reads the notice through the link in its e-mail, then agrees online.
    await eventually(async () => (smtp.to(p.respondent.user.email).some((m) => /\/served\//.test(m.mail.text ?? '')) ? true : undefined), 30_000, 'the notice e-mail');
    const link = serviceLinkIn(smtp, p.respondent.user.email);
    if (respondentHasTheCase) {
      await t.http.get(link).set('Authorization', p.respondent.bearer).expect(200);
    } else {
      // An applicant's word does not give anyone a case: the respondent reads the notice as it
      // arrived at the address the applicant gave, then takes the party into its account.
      await t.http.get(link).expect(200);
      await get(p.respondent, `cases/${caseId}`).expect(404);
      await t.http.post(`${link}/claim`).set('Authorization', p.respondent.bearer).expect(200);
    }
    const [notice] = (await get(p.respondent, `cases/${caseId}/services`).expect(200)).body.items as { effectiveAt: string | null; effectiveRule: string }[];
    expect(notice.effectiveAt).not.toBeNull();
    // The address-for-service form, as the answer page has the respondent fill it first (A6).
    await put(p.respondent, `cases/${caseId}/address-for-service`, { email: p.respondent.user.email, consentEService: true }).expect(200);
    const answered = await post(p.respondent, `cases/${caseId}/respondent-consent`, { agree: true, consentOnline: true }).expect(200);
    expect(answered.body).toMatchObject({ id: caseId, status: 'mediating' });
    // Each party's consent to online handling is on record (docs/procedural-rules.md A1).
    const sides = answered.body as { applicants: { consentOnline: boolean | null }[]; respondents: { consentOnline: boolean | null }[] };
    expect([...sides.applicants, ...sides.respondents].map((x) => x.consentOnline)).toEqual([true, true]);
  }

  it('an online application and a court referral each go round the whole loop', async () => {
    const online = await people();
    // ── Application: the applicant files and submits; intake accepts. ──────────────────────────
    const filed = await post(
      online.applicant,
      'cases',
      applicationBody(online.applicant.user.email, {
        respondents: [{ kind: 'organisation', name: '深圳乙电子有限公司', legalRepresentative: '李强', email: online.respondent.user.email, phone: '+8675588880000' }],
      }),
    ).expect(201);
    const onlineId = filed.body.id as string;
    await upload(t, online.applicant.bearer, onlineId, { filename: 'patent-certificate.pdf' }).expect(201);
    await post(online.applicant, `cases/${onlineId}/transitions`, { event: 'submit', expectedVersion: await version(onlineId, online.applicant) }).expect(200);
    await post(admin, `cases/${onlineId}/transitions`, { event: 'accept', expectedVersion: await version(onlineId, admin) }).expect(200);
    await assignServeAndAgree(onlineId, online, false);

    // ── Court referral: the clerk refers a pre-filing case; intake accepts. ────────────────────
    const referred = await people();
    const ref = await post(
      referred.clerk,
      'referrals',
      referralBody(referred.applicant.user.email, {
        respondents: [{ kind: 'organisation', name: '宁波丙贸易有限公司', legalRepresentative: '赵六', email: referred.respondent.user.email }],
      }),
    ).expect(201);
    const referralId = ref.body.id as string;
    await post(admin, `cases/${referralId}/transitions`, { event: 'accept', expectedVersion: await version(referralId, admin) }).expect(200);
    // Court referrals name parties the court identified: their accounts have the case at once.
    await assignServeAndAgree(referralId, referred, true);

    for (const [caseId, p] of [
      [onlineId, online],
      [referralId, referred],
    ] as const) {
      await mediateAndSign(caseId, p);
      await confirmInCourt(caseId, p);
      await perform(caseId, p);
      await archiveAndVerify(caseId, p);
    }
  });

  /** Mediation to a signed agreement: drafted by the mediator, e-signed with one-time codes. */
  async function mediateAndSign(caseId: string, p: People): Promise<void> {
    // A joint session: everyone verified and warned about sham mediation, then it starts.
    const room = `cases/${caseId}/mediation`;
    const session = await post(p.mediator, `${room}/sessions`, {
      kind: 'joint',
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 60,
      meetingUrl: 'https://meet.example.com/j/loop',
    }).expect(201);
    for (const party of [p.applicant, p.respondent]) await post(party, `${room}/sham-mediation-warning/acknowledgement`).expect(200);
    await post(p.mediator, `${room}/sessions/${session.body.id}/start`).expect(200);
    for (const party of [p.applicant, p.respondent]) await post(party, `${room}/sessions/${session.body.id}/join`).expect(200);
    await post(p.applicant, `${room}/channels/joint/messages`, { text: 'We are open to a licence.' }).expect(201);
    // A caucus confidence: the respondent's bottom line, for the mediator only.
    await post(p.respondent, `${room}/channels/caucus_respondent/messages`, { text: 'Our ceiling is CNY 250,000.' }).expect(201);
    await post(p.mediator, `${room}/sessions/${session.body.id}/end`).expect(200);

    // Offers: the respondent offers, the applicant counters, the respondent accepts.
    const terms = (amount: string) => ({
      money: { amount, currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 20 } } },
      nonMonetary: [{ kind: 'stop_use', description: 'Stop selling the X200 charger' }],
    });
    const offer = await post(p.respondent, `cases/${caseId}/offers`, { terms: terms('150000') }).expect(201);
    const counter = await post(p.applicant, `cases/${caseId}/offers/${offer.body.id}/counter`, { terms: terms('200000') }).expect(201);
    await post(p.respondent, `cases/${caseId}/offers/${counter.body.id}/accept`).expect(200);
    // None of it reaches the court.
    await get(p.clerk, `${room}/channels/caucus_respondent/messages`).expect(p.court.id === (await courtOf(caseId)) ? 403 : 404);
    await get(p.clerk, `cases/${caseId}/offers`).expect(p.court.id === (await courtOf(caseId)) ? 403 : 404);

    const created = await post(p.mediator, `cases/${caseId}/agreement/draft`, { language: 'en' }).expect(201);
    const content = created.body.content as { parties: { kind: string; idNumber?: string; legalRepresentative?: string }[]; [k: string]: unknown };
    content.parties.forEach((party, i) => {
      party.idNumber ||= `9133010${i}MA2H3X4Y5Z`;
      if (party.kind === 'organisation') party.legalRepresentative ||= 'Zhang San';
    });
    content.result = 'The respondent stops selling the X200 charger and pays CNY 200,000.00.';
    content.performance = {
      obligations: [
        { id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '200000.00', currency: 'CNY', due: { daysAfterEffective: 20 } },
        { id: 'stop', kind: 'act', obligorSide: 'respondent', beneficiarySide: 'applicant', act: 'Stop selling the X200 charger', due: { daysAfterEffective: 5 } },
      ],
    };
    content.confirmsOwnership = false;
    const saved = await put(p.mediator, `cases/${caseId}/agreement/draft`, { revision: created.body.revision, content }).expect(200);
    expect(saved.body.problems).toEqual([]);
    const frozen = await post(p.mediator, `cases/${caseId}/agreement/versions`).expect(201);
    expect(await status(caseId, p.mediator)).toBe('signing');
    const hash = frozen.body.hash as string;
    for (const signer of [p.applicant, p.respondent, p.mediator]) {
      const mails = () => smtp.to(signer.user.email).filter((m) => (m.mail.subject ?? '').startsWith('Signing code'));
      const before = mails().length;
      await post(signer, `cases/${caseId}/agreement/signature-codes`, { versionHash: hash, channel: 'email' }).expect(201);
      const mail = await eventually(async () => mails()[before], 30_000, `the signing code for ${signer.user.email}`);
      const code = /Your code: (\d{6})/.exec(mail.mail.text ?? '')?.[1];
      await post(signer, `cases/${caseId}/agreement/signatures`, { versionHash: hash, code }).expect(201);
    }
    expect(await status(caseId, p.mediator)).toBe('settled');
    const agreement = (await get(p.applicant, `cases/${caseId}/agreement`).expect(200)).body as { status: string; effectiveAt: string | null; signatures: { signedAt: string }[] };
    expect(agreement.status).toBe('effective');
    // In effect from the last signature (docs/procedural-rules.md C12).
    expect(agreement.effectiveAt).toBe(
      agreement.signatures
        .map((x) => x.signedAt)
        .sort()
        .at(-1),
    );
    // A pre-filing referral's agreement is filed with the referring court (C14); an online application's with no court.
    const referringCourt = await courtOf(caseId);
    const filed = ((await get(admin, `cases/${caseId}/services`).expect(200)).body.items as { purpose: string; recipientOrganisationId: string | null }[]).filter(
      (x) => x.purpose === 'signed_agreement' && x.recipientOrganisationId !== null,
    );
    expect(filed.map((x) => x.recipientOrganisationId)).toEqual(referringCourt ? [referringCourt] : []);
  }

  const courtOf = async (caseId: string): Promise<string | null> =>
    ((await t.db.query(`SELECT referring_court_id FROM cases WHERE id = $1`, [caseId])) as { referring_court_id: string | null }[])[0].referring_court_id;

  /** Judicial confirmation: a joint application, docketed by the clerk, a supplement, the judge's ruling served. */
  async function confirmInCourt(caseId: string, p: People): Promise<void> {
    const options = (await get(p.applicant, `cases/${caseId}/confirmation/court-options?subjectMatterRegion=330106`).expect(200)).body.items as { courtId: string }[];
    expect(options.map((o) => o.courtId)).toContain(p.court.id);
    const started = await post(p.applicant, `cases/${caseId}/confirmation-applications`, { courtId: p.court.id, subjectMatterRegion: '330106' });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    const appId = started.body.id as string;
    const lodged = await post(p.respondent, `confirmation-applications/${appId}/consents`).expect(200);
    expect(lodged.body.status).toBe('lodged');
    expect(await status(caseId, p.applicant)).toBe('confirmation_requested');

    const queue = (await get(p.clerk, 'court/confirmation-queue').expect(200)).body.items as { applicationId: string }[];
    expect(queue.map((e) => e.applicationId)).toContain(appId);
    const docketed = await post(p.clerk, `confirmation-applications/${appId}/docket`).expect(200);
    expect(docketed.body.docket.number).toMatch(/民特调确\d+号$/);

    const asked = await post(p.judge, `confirmation-applications/${appId}/supplement-requests`, { items: 'The business licence of the respondent' }).expect(201);
    const requestId = asked.body.supplements[0].id as string;
    const licence = (await upload(t, p.respondent.bearer, caseId, { kind: 'supplement_material', filename: 'business-licence.pdf' }).expect(201)).body.id as string;
    await post(p.respondent, `confirmation-applications/${appId}/supplement-requests/${requestId}/supplement`, { documentIds: [licence] }).expect(200);

    const confirmed = await post(p.judge, `confirmation-applications/${appId}/confirm`).expect(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(await status(caseId, p.applicant)).toBe('confirmed');
    const rulings = ((await get(p.applicant, `cases/${caseId}/services`).expect(200)).body.items as { purpose: string }[]).filter((x) => x.purpose === 'ruling');
    expect(rulings).toHaveLength(2);
    // The court saw the agreement and the application, never the mediation itself.
    const courtTimeline = JSON.stringify((await get(p.judge, `cases/${caseId}/events`).expect(200)).body);
    expect(courtTimeline).not.toContain('250,000');
    expect(courtTimeline).not.toContain('150000');
    await get(p.judge, `cases/${caseId}/agreement/draft`).expect(403);
  }

  /** Performance: the respondent reports each obligation with proof; the applicant confirms; the case closes fulfilled. */
  async function perform(caseId: string, p: People): Promise<void> {
    const performance = (await get(p.respondent, `cases/${caseId}/performance`).expect(200)).body as { items: { id: string; key: string }[] };
    expect(performance.items.map((i) => i.key).sort()).toEqual(['pay', 'stop']);
    for (const item of performance.items) {
      const proof = (await upload(t, p.respondent.bearer, caseId, { kind: 'performance_proof', filename: `proof-${item.key}.pdf` }).expect(201)).body.id as string;
      await post(p.respondent, `cases/${caseId}/performance/items/${item.id}/report`, { documentIds: [proof] }).expect(200);
      await post(p.applicant, `cases/${caseId}/performance/items/${item.id}/confirm`).expect(200);
    }
    const closed = (await get(p.applicant, `cases/${caseId}`).expect(200)).body as { status: string; outcome: string };
    expect(closed.status === 'closed' || closed.status === 'archived').toBe(true);
    expect(closed.outcome).toBe('fulfilled');
  }

  /** The closed case archives itself, read-only from then on; it verifies online and, downloaded, offline. */
  async function archiveAndVerify(caseId: string, p: People): Promise<void> {
    await waitForStatus(caseId, p.applicant, 'archived');
    const online = await get(admin, `cases/${caseId}/archive/verification`).expect(200);
    expect(online.body.ok).toBe(true);
    await upload(t, p.applicant.bearer, caseId, { filename: 'late.pdf' }).expect(423);
    // The archive holds the respondent's caucus sealed: only the mediator, who saw everything, takes it whole.
    await get(p.applicant, `cases/${caseId}/archive/content`).expect(403);
    const zip = await get(p.mediator, `cases/${caseId}/archive/content`).buffer(true).parse(bytes).expect(200);
    const file = join(dir, `${caseId}.zip`);
    await writeFile(file, zip.body as Buffer);
    const offline = spawnSync(process.execPath, [VERIFY, file], { encoding: 'utf8' });
    expect([offline.status, offline.stderr]).toEqual([0, '']);
    await everyDocumentReads(file);
  }

  /**
   * Every PDF the platform wrote in the case (notice, certificates, agreement, application,
   * ruling, session records, cover sheets…), as archived, reads as a document a person reads:
   * no raw enum value, id, programming value, machine timestamp or developer command (issue 21).
   */
  async function everyDocumentReads(zipFile: string): Promise<void> {
    const entries = await readZip(zipFile);
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as { documents: { path: string; kind: DocumentKind }[] };
    const generated = new Set(manifest.documents.filter((d) => GENERATED_KINDS.includes(d.kind) && d.path.endsWith('.pdf')).map((d) => d.path));
    const pdfs = entries.filter((e) => generated.has(e.name) || /^cover\.[a-zA-Z-]+\.pdf$/.test(e.name));
    // Notice, certificate, session record, agreement (frozen and signed), application, ruling, two covers at least.
    expect(pdfs.length).toBeGreaterThanOrEqual(8);
    for (const e of pdfs) expect({ file: e.name, raw: rawTokens(await pdfText(e.data)) }).toEqual({ file: e.name, raw: [] });
  }
});
