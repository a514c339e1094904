import { randomUUID } from 'node:crypto';
import { AgreementVersionRecord } from '../src/agreements/agreement-version.entity';
import { GlobalRole, Language } from '../src/auth/roles';
import { CaseEventLog } from '../src/cases/case-event-log.service';
import { Case } from '../src/cases/entities/case.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { confirmationWindow } from '../src/confirmation/confirmation-rules';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { DocumentKind, DocumentVisibility } from '../src/documents/document.entity';
import { DocumentsService } from '../src/documents/documents.service';
import { Clock } from '../src/infrastructure/clock/clock';
import { Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { pdfBytes, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { confirmThroughCourt, courtWithStaff, settledCase, type CourtStaff } from './support/settled-case-fixture';
import { binary, pdfText } from './support/pdf-text';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

const DAY = 86_400_000;

describe('judicial confirmation: the joint application and the court', () => {
  let t: TestApp;
  let clock: Clock;
  let xihu: CourtStaff;
  let futian: CourtStaff;
  let mediationCentre: Organisation;
  let respondentCompany: Organisation;

  const court = (name: string, region: string): Promise<CourtStaff> => courtWithStaff(t, name, region);

  beforeAll(async () => {
    t = await createTestApp({
      env: workerTestEnv('conf'),
    });
    clock = t.app.get(Clock);
    xihu = await court(`杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, '330106');
    futian = await court(`深圳市福田区人民法院 ${randomUUID().slice(0, 4)}`, '440304');
    mediationCentre = await createOrganisation(t.db, { kind: OrganisationKind.MediationOrganisation, name: 'Hangzhou IP Mediation Centre', region: '330106' });
    respondentCompany = await createOrganisation(t.db, { kind: OrganisationKind.Company, name: 'Shenzhen B Electronics', region: '440300' });
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  /** A settled case whose mediator belongs to the Hangzhou centre and whose respondent is a Shenzhen company. */
  async function settled(options: Partial<Parameters<typeof settledCase>[1]> = {}) {
    const applicant = await signedInUser(t, { language: Language.ZhCN });
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    await addMembership(t.db, mediator.user.id, mediationCentre.id);
    const sc = await settledCase(t, { applicant, respondent, mediator, respondentOrganisationId: respondentCompany.id, ...options });
    return { ...sc, caseId: sc.case.id, applicant, respondent, mediator };
  }

  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const caseStatus = async (caseId: string) => (await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).status;
  const download = async (who: SignedIn, documentId: string): Promise<Buffer> =>
    (await get(who, `/documents/${documentId}/content`).buffer(true).parse(binary).expect(200)).body as Buffer;

  it('settled → joint application (both consent) → docketed with a 调确 number → supplement asked and given → confirmed, ruling served → performed and confirmed → closed (fulfilled)', async () => {
    const s = await settled();

    // The court options: the Xihu court (where the mediation centre is) and the Futian court (where the respondent is).
    const options = (await get(s.applicant, `/cases/${s.caseId}/confirmation/court-options`).expect(200)).body.items as { courtId: string; grounds: string[] }[];
    expect(options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ courtId: xihu.courtId, grounds: ['mediation_organisation'] }),
        expect.objectContaining({ courtId: futian.courtId, grounds: ['party_domicile'] }),
      ]),
    );
    // Where the subject matter is adds its ground.
    const withSubject = (await get(s.applicant, `/cases/${s.caseId}/confirmation/court-options?subjectMatterRegion=330106`).expect(200)).body.items as {
      courtId: string;
      grounds: string[];
    }[];
    expect(withSubject.find((o) => o.courtId === xihu.courtId)?.grounds).toEqual(['subject_matter', 'mediation_organisation']);

    // The applicant starts the application; its consent is given by starting it.
    const started = await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).set('Idempotency-Key', `start-${s.caseId}`).expect(201);
    const appId = started.body.id as string;
    expect(started.body).toMatchObject({ status: 'collecting_consents', court: { id: xihu.courtId }, courtGrounds: ['mediation_organisation'] });
    expect(started.body.parties).toEqual([
      expect.objectContaining({ partyId: s.applicantPartyId, consentedBy: s.applicant.user.id }),
      expect.objectContaining({ partyId: s.respondentPartyId, consentedAt: null }),
    ]);
    // A retry with the same key creates nothing new.
    const retried = await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).set('Idempotency-Key', `start-${s.caseId}`).expect(201);
    expect(retried.body.id).toBe(appId);
    // The respondent was asked to consent.
    await eventually(async () => {
      const inbox = (await get(s.respondent, '/notifications').expect(200)).body.items as { template: string; text: string }[];
      return inbox.find((n) => n.template === 'confirmation_consent_requested' && n.text.includes(s.case.number)) ?? undefined;
    });
    // Until every party consented, the court sees nothing.
    await get(xihu.clerk, `/confirmation-applications/${appId}`).expect(404);
    expect((await get(xihu.clerk, '/court/confirmation-queue').expect(200)).body.items.find((e: { applicationId: string }) => e.applicationId === appId)).toBeUndefined();
    // Consenting twice is refused.
    await post(s.applicant, `/confirmation-applications/${appId}/consents`).expect(409);

    // The respondent consents: the application is lodged with the court and served on it.
    const lodged = await post(s.respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    expect(lodged.body).toMatchObject({ status: 'lodged', docket: { number: null } });
    expect(lodged.body.docket.dueAt).toEqual(expect.any(String));
    expect(lodged.body.materials.map((m: { role: string; kind: string }) => `${m.role}:${m.kind}`)).toEqual(
      expect.arrayContaining(['signed_agreement:signed_agreement', 'mediation_proof:notice_of_mediation']),
    );
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.ConfirmationRequested);
    const services = (await get(xihu.clerk, `/cases/${s.caseId}/services`).expect(200)).body.items as { purpose: string; documentId: string }[];
    const servedOnCourt = services.find((x) => x.purpose === 'confirmation_application')!;
    expect(servedOnCourt.documentId).toBe(lodged.body.applicationDocumentId);
    const applicationText = await pdfText(await download(xihu.clerk, lodged.body.applicationDocumentId));
    // Lodged with a PRC court in Chinese, with every party's identity and contacts and the materials' hashes.
    expect(applicationText).toContain('司法确认申请书');
    expect(applicationText).toContain(s.case.number);
    expect(applicationText).toContain('91440300MA5XXXXX1A');
    expect(applicationText).toContain('+8613800138001');
    expect(applicationText).toContain(s.version.hash);

    // The clerk's queue shows it with the docketing deadline; another court's clerk sees nothing at all.
    const queue = (await get(xihu.clerk, '/court/confirmation-queue').expect(200)).body.items as { applicationId: string; status: string; courtDueAt: string; overdue: boolean }[];
    expect(queue.find((e) => e.applicationId === appId)).toMatchObject({ status: 'lodged', courtDueAt: lodged.body.docket.dueAt, overdue: false });
    for (const path of [`/confirmation-applications/${appId}`, `/cases/${s.caseId}`, `/cases/${s.caseId}/documents`, `/documents/${lodged.body.applicationDocumentId}`]) {
      expect([path, (await get(futian.clerk, path)).status]).toEqual([path, 404]);
    }
    await post(futian.clerk, `/confirmation-applications/${appId}/docket`).expect(404);
    expect((await get(futian.judge, '/court/confirmation-queue').expect(200)).body).toEqual({ items: [], nextCursor: null });
    await get(s.applicant, '/court/confirmation-queue').expect(403);

    // The clerk dockets it with the court's next 调确 number.
    const docketed = await post(xihu.clerk, `/confirmation-applications/${appId}/docket`).expect(200);
    const year = t.app.get(WorkingDayCalendar).localDate(clock.now()).slice(0, 4);
    expect(docketed.body.docket.number).toMatch(new RegExp(`^\\(${year}\\)浙0106民特调确\\d+号$`));
    expect(docketed.body.decision.dueAt).toEqual(expect.any(String));
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.UnderCourtReview);
    await post(xihu.clerk, `/confirmation-applications/${appId}/docket`).expect(409);

    // Only a judge extends the decision period, once, with the approval recorded.
    await post(xihu.clerk, `/confirmation-applications/${appId}/decision-extension`, { approvedBy: 'President Wang', reason: 'site inspection' }).expect(403);
    await post(xihu.judge, `/confirmation-applications/${appId}/decision-extension`, { approvedBy: '', reason: 'x' })
      .expect(400)
      .expect((res) => expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['approvedBy', 'reason'])));
    const extended = await post(xihu.judge, `/confirmation-applications/${appId}/decision-extension`, { approvedBy: 'President Wang', reason: 'site inspection' }).expect(200);
    expect(Date.parse(extended.body.decision.dueAt) - Date.parse(docketed.body.decision.dueAt)).toBeGreaterThanOrEqual(10 * DAY);
    expect(extended.body.decision.extension).toMatchObject({ approvedBy: 'President Wang', reason: 'site inspection' });
    await post(xihu.judge, `/confirmation-applications/${appId}/decision-extension`, { approvedBy: 'President Wang', reason: 'again' }).expect(409);

    // The judge asks for more material by a deadline; a clerk may ask too, but the judge rules.
    await post(xihu.judge, `/confirmation-applications/${appId}/supplement-requests`, { items: 'x', days: 0 })
      .expect(400)
      .expect((res) => expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['items', 'days'])));
    const asked = await post(xihu.judge, `/confirmation-applications/${appId}/supplement-requests`, { items: 'The licence register extract for mark 12345678' }).expect(201);
    const request = asked.body.supplements[0] as { id: string; dueAt: string };
    const running = (await get(s.applicant, `/cases/${s.caseId}/deadlines`).expect(200)).body.items as { kind: string; state: string; dueAt: string }[];
    expect(running.find((d) => d.kind === 'supplement')).toMatchObject({ state: 'running', dueAt: request.dueAt });
    await post(xihu.judge, `/confirmation-applications/${appId}/confirm`).expect(409);

    // The respondent supplies it: only a supplement_material document is accepted.
    const evidence = (await upload(t, s.respondent.bearer, s.caseId, { kind: 'evidence' }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${appId}/supplement-requests/${request.id}/supplement`, { documentIds: [evidence] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'documentIds.0', rule: 'kind' }));
    await post(s.respondent, `/confirmation-applications/${appId}/supplement-requests/${request.id}/supplement`, { documentIds: [] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('documentIds'));
    const extract = (await upload(t, s.respondent.bearer, s.caseId, { kind: 'supplement_material', filename: 'licence-register.pdf' }).expect(201)).body.id as string;
    const supplied = await post(s.respondent, `/confirmation-applications/${appId}/supplement-requests/${request.id}/supplement`, {
      documentIds: [extract],
      note: 'Extract attached',
    }).expect(200);
    expect(supplied.body.supplements[0]).toMatchObject({ id: request.id, note: 'Extract attached', documentIds: [extract] });
    expect(supplied.body.supplements[0].supplementedAt).toEqual(expect.any(String));
    const afterSupply = (await get(s.applicant, `/cases/${s.caseId}/deadlines`).expect(200)).body.items as { kind: string; state: string }[];
    expect(afterSupply.find((d) => d.kind === 'supplement')?.state).not.toBe('running');
    // The court now reads the supplied material.
    expect((await download(xihu.judge, extract)).length).toBeGreaterThan(0);
    await post(s.respondent, `/confirmation-applications/${appId}/supplement-requests/${request.id}/supplement`, { documentIds: [extract] }).expect(409);

    // Only a judge rules; the judge confirms: a ruling, served on both parties, names the number.
    await post(xihu.clerk, `/confirmation-applications/${appId}/confirm`).expect(403);
    const confirmed = await post(xihu.judge, `/confirmation-applications/${appId}/confirm`).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decision: { rulingDocumentId: expect.any(String) } });
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.Confirmed);
    const number = docketed.body.docket.number as string;
    const ruling = await pdfText(await download(xihu.judge, confirmed.body.decision.rulingDocumentId));
    expect(ruling).toContain(number);
    const rulingServices = (
      (await get(s.applicant, `/cases/${s.caseId}/services`).expect(200)).body.items as { purpose: string; partyId: string | null; documentId: string }[]
    ).filter((x) => x.purpose === 'ruling');
    expect(rulingServices.map((x) => x.partyId).sort()).toEqual([s.applicantPartyId, s.respondentPartyId].sort());
    // Each party reads it in its own language: the applicant reads Chinese.
    const applicantsCopy = rulingServices.find((x) => x.partyId === s.applicantPartyId)!;
    const zh = await pdfText(await download(s.applicant, applicantsCopy.documentId));
    expect(zh).toContain('民事裁定书');
    expect(zh).toContain(number);
    expect(zh).toContain('调解协议有效');
    const enCopy = await pdfText(await download(s.respondent, rulingServices.find((x) => x.partyId === s.respondentPartyId)!.documentId));
    expect(enCopy).toContain('Civil Ruling');
    await post(s.applicant, `/confirmation-applications/${appId}/withdraw`, { reason: 'too late now' }).expect(409);

    // Performance: the respondent reports each item with proof, the applicant confirms; the last closes the case.
    const performance = (await get(s.respondent, `/cases/${s.caseId}/performance`).expect(200)).body as { items: { id: string; key: string; status: string }[] };
    expect(performance.items.map((i) => i.key)).toEqual(['pay#1', 'stop', 'pay#2']);
    for (const item of performance.items) {
      const proof = (await upload(t, s.respondent.bearer, s.caseId, { kind: 'performance_proof', filename: `proof-${item.key}.pdf` }).expect(201)).body.id as string;
      await post(s.respondent, `/cases/${s.caseId}/performance/items/${item.id}/report`, { documentIds: [proof] }).expect(200);
      await post(s.applicant, `/cases/${s.caseId}/performance/items/${item.id}/confirm`).expect(200);
    }
    const closed = await t.db.getRepository(Case).findOneByOrFail({ id: s.caseId });
    expect(closed).toMatchObject({ status: CaseStatus.Closed, outcome: 'fulfilled' });
  });

  it('a rejection with grounds → confirmation_rejected, a ruling saying why → mediation resumes with the agreement reopened', async () => {
    const s = await settled();
    const appId = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    await post(xihu.clerk, `/confirmation-applications/${appId}/docket`).expect(200);

    // Bad grounds name the field, and change nothing.
    await post(xihu.judge, `/confirmation-applications/${appId}/reject`, { grounds: ['fraud'] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('grounds'));
    await post(xihu.judge, `/confirmation-applications/${appId}/reject`, { grounds: ['other'] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'explanation', rule: 'required' }));
    await post(xihu.judge, `/confirmation-applications/${appId}/reject`, { grounds: [] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('grounds'));
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.UnderCourtReview);

    const rejected = await post(xihu.judge, `/confirmation-applications/${appId}/reject`, {
      grounds: ['content_unclear', 'other'],
      explanation: 'The second instalment has no account to pay into.',
    }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { grounds: ['content_unclear', 'other'], explanation: 'The second instalment has no account to pay into.' },
    });
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.ConfirmationRejected);
    // The court's ruling (in Chinese) gives the grounds; the respondent, who reads English, is served an English rendering.
    const ruling = await pdfText(await download(s.applicant, rejected.body.decision.rulingDocumentId));
    expect(ruling).toContain('内容不明确');
    expect(ruling).toContain('驳回申请人的司法确认申请');
    expect(ruling).toContain('no account to pay into');
    const services = (await get(s.respondent, `/cases/${s.caseId}/services`).expect(200)).body.items as { purpose: string; partyId: string; documentId: string }[];
    const english = await pdfText(await download(s.respondent, services.find((x) => x.purpose === 'ruling' && x.partyId === s.respondentPartyId)!.documentId));
    expect(english).toContain('Its content is unclear');
    expect(english).toContain('The application for confirmation is rejected');
    // The parties are told why.
    await eventually(async () => {
      const inbox = (await get(s.respondent, '/notifications').expect(200)).body.items as { template: string; text: string }[];
      return inbox.find((n) => n.template === 'reject_confirmation' && n.text.includes('content is unclear')) ?? undefined;
    });

    // The court cannot push the parties back into mediation; a party can.
    await post(xihu.judge, `/cases/${s.caseId}/confirmation/resume-mediation`).expect(403);
    const resumed = await post(s.respondent, `/cases/${s.caseId}/confirmation/resume-mediation`, { reason: 'Add the account details' }).expect(200);
    expect(resumed.body.status).toBe(CaseStatus.Mediating);
    const version = await t.db.getRepository(AgreementVersionRecord).findOneByOrFail({ id: s.version.id });
    expect(version).toMatchObject({ status: 'void', effectiveAt: null });
    // Its schedule is no longer tracked.
    expect((await get(s.applicant, `/cases/${s.caseId}/performance`).expect(200)).body.items).toEqual([]);
  });

  it('refuses a 确权 agreement and an application on day 31, saying which; day 30 is still in time', async () => {
    const ownership = await settled({ confirmsOwnership: true });
    const refused = await post(ownership.applicant, `/cases/${ownership.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'urn:accord:problem:confirmation-refused', refusals: [{ code: 'confirms_ownership' }] });
    expect(refused.body.detail).toContain('确权');
    expect(await t.db.query(`SELECT 1 FROM confirmation_applications WHERE case_id = $1`, [ownership.caseId])).toEqual([]);

    // An effective day whose day 30 is a working day (no weekend roll), so day 31 is late.
    const calendar = t.app.get(WorkingDayCalendar);
    let effectiveAt = clock.now();
    while (!calendar.isWorkingDay(calendar.localDate(new Date(effectiveAt.getTime() + 30 * DAY)))) effectiveAt = new Date(effectiveAt.getTime() - DAY);
    const window = confirmationWindow(effectiveAt, calendar, 30);
    expect(window.lastDay).toBe(calendar.localDate(new Date(effectiveAt.getTime() + 30 * DAY)));
    const late = await settled({ effectiveAt });
    const inTime = await settled({ effectiveAt });
    // Day 30, an hour before its end: in time.
    clock.advance(window.closesAt.getTime() - 3_600_000 - clock.nowMs());
    await post(inTime.applicant, `/cases/${inTime.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(201);
    // Day 31: refused, naming the last day.
    clock.advance(2 * 3_600_000);
    const tooLate = await post(late.applicant, `/cases/${late.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(409);
    expect(tooLate.body).toMatchObject({ type: 'urn:accord:problem:confirmation-refused', refusals: [{ code: 'window_passed', lastDay: window.lastDay }] });
    expect(tooLate.body.detail).toContain('30-day window');
    // The other party's consent on day 31 is refused too: the window counts for the whole application.
    const pending = (await get(inTime.applicant, `/cases/${inTime.caseId}/confirmation-applications`).expect(200)).body.items[0];
    const lateConsent = await post(inTime.respondent, `/confirmation-applications/${pending.id}/consents`).expect(409);
    expect(lateConsent.body.refusals[0].code).toBe('window_passed');
    expect(await caseStatus(inTime.caseId)).toBe(CaseStatus.Settled);
  });

  it('refuses bad input naming the field, a court the case cannot go to, and anyone but a party', async () => {
    const s = await settled();
    await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: 'not-a-uuid' })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('courtId'));
    await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId, subjectMatterRegion: 'Hangzhou' })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('subjectMatterRegion'));
    const elsewhere = await createOrganisation(t.db, { kind: OrganisationKind.Court, region: '110105' });
    await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: elsewhere.id })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'courtId', rule: 'isAllowedCourt' }));
    const privateExhibit = (await upload(t, s.applicant.bearer, s.caseId, { kind: 'evidence', visibility: 'own_side_and_mediator' }).expect(201)).body.id as string;
    await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId, documentIds: [privateExhibit] })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'documentIds.0', rule: 'visibility' }));
    await post(s.mediator, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(403);
    expect(await t.db.query(`SELECT 1 FROM confirmation_applications WHERE case_id = $1`, [s.caseId])).toEqual([]);
    // A referral goes to the referring court only.
    const referring = await court(`杭州市中级人民法院 ${randomUUID().slice(0, 4)}`, '330100');
    const referred = await settled({ referringCourtId: referring.courtId });
    const options = (await get(referred.applicant, `/cases/${referred.caseId}/confirmation/court-options`).expect(200)).body.items;
    expect(options).toEqual([expect.objectContaining({ courtId: referring.courtId, grounds: ['referring_court'] })]);
    await post(referred.applicant, `/cases/${referred.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(400);
  });

  it('the court never sees mediation content: caucus messages, offers, drafts, private exhibits', async () => {
    const s = await settled();
    // Confidential mediation content as the mediation room records it.
    const log = t.app.get(CaseEventLog);
    await t.db.transaction(async (tx) => {
      await log.lockCase(tx, s.caseId);
      await log.append(tx, s.caseId, 'sha256', {
        type: 'caucus_message',
        actorId: s.applicant.user.id,
        actorRole: 'applicant',
        payload: { text: 'CAUCUS-SECRET our floor is 30000' },
        confidential: true,
      });
      await log.append(tx, s.caseId, 'sha256', {
        type: 'offer_made',
        actorId: s.respondent.user.id,
        actorRole: 'respondent',
        payload: { amount: 'OFFER-SECRET-41000' },
        confidential: true,
      });
    });
    const exhibit = (await upload(t, s.applicant.bearer, s.caseId, { kind: 'other', visibility: 'own_side_and_mediator', filename: 'caucus-floor.pdf' }).expect(201)).body
      .id as string;
    const draft = await t.app.get(DocumentsService).addGenerated({
      caseId: s.caseId,
      kind: DocumentKind.Agreement,
      visibility: DocumentVisibility.AllParties,
      filename: 'draft-v0-superseded.pdf',
      contentType: 'application/pdf',
      bytes: pdfBytes('draft'),
      actorId: null,
      actorRole: 'system',
    });

    const { applicationId } = await confirmThroughCourt(t, s.caseId, { applicant: s.applicant, respondent: s.respondent, ...xihu });
    const secrets = ['CAUCUS-SECRET', 'OFFER-SECRET', 'caucus-floor', 'draft-v0', exhibit, draft.id];
    for (const who of [xihu.clerk, xihu.judge]) {
      for (const path of [
        `/confirmation-applications/${applicationId}`,
        `/cases/${s.caseId}/confirmation-applications`,
        `/cases/${s.caseId}`,
        `/cases/${s.caseId}/events`,
        `/cases/${s.caseId}/documents`,
        `/cases/${s.caseId}/services`,
        `/cases/${s.caseId}/performance`,
        '/court/confirmation-queue?include=all',
      ]) {
        const res = await get(who, path).expect(200);
        for (const secret of secrets) expect([path, JSON.stringify(res.body).includes(secret)]).toEqual([path, false]);
      }
      for (const path of [`/documents/${exhibit}`, `/documents/${draft.id}/content`]) {
        expect([path, (await get(who, path)).status]).toEqual([path, 404]);
      }
      // The mediation room, the offers and the agreement draft exist for this case, and refuse the court.
      for (const path of [
        `/cases/${s.caseId}/mediation/channels`,
        `/cases/${s.caseId}/mediation/channels/caucus_applicant/messages`,
        `/cases/${s.caseId}/offers`,
        `/cases/${s.caseId}/agreement/draft`,
      ]) {
        const res = await get(who, path);
        expect([path, res.status]).toEqual([path, 403]);
        for (const secret of secrets) expect([path, JSON.stringify(res.body).includes(secret)]).toEqual([path, false]);
      }
    }
    // The parties still see everything that is theirs.
    expect(JSON.stringify((await get(s.applicant, `/cases/${s.caseId}/events`).expect(200)).body)).toContain('CAUCUS-SECRET');
  });

  it('dockets concurrently with distinct consecutive numbers, and a double docket once', async () => {
    const cases = await Promise.all([settled(), settled(), settled()]);
    const apps: string[] = [];
    for (const s of cases) {
      const id = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(201)).body.id as string;
      await post(s.respondent, `/confirmation-applications/${id}/consents`).expect(200);
      apps.push(id);
    }
    const results = await Promise.all([
      ...apps.map((id) => post(xihu.clerk, `/confirmation-applications/${id}/docket`)),
      post(xihu.judge, `/confirmation-applications/${apps[0]}/docket`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 409]);
    const numbers = (await t.db.query(`SELECT docket_sequence FROM confirmation_applications WHERE id = ANY($1::uuid[]) ORDER BY docket_sequence`, [apps])) as {
      docket_sequence: number;
    }[];
    const seq = numbers.map((n) => n.docket_sequence);
    expect(new Set(seq).size).toBe(3);
    expect(seq[2] - seq[0]).toBe(2);
  });

  it('not supplemented in time counts as withdrawn; a declined application and a withdrawn one leave the case settled', async () => {
    const s = await settled();
    const appId = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    await post(xihu.clerk, `/confirmation-applications/${appId}/docket`).expect(200);
    const asked = await post(xihu.clerk, `/confirmation-applications/${appId}/supplement-requests`, { items: 'Proof of the agent’s authority', days: 3 }).expect(201);
    clock.advance(Date.parse(asked.body.supplements[0].dueAt) - clock.nowMs() + 1_000);
    await eventually(async () => ((await caseStatus(s.caseId)) === CaseStatus.Settled ? true : undefined), 15_000, 'the supplement deadline');
    const expired = (await get(s.applicant, `/confirmation-applications/${appId}`).expect(200)).body;
    expect(expired).toMatchObject({ status: 'supplement_expired' });
    expect(expired.supplements[0].expiredAt).toEqual(expect.any(String));
    clock.reset();

    // A new application is possible; this time the court declines (jurisdiction).
    const second = (await post(s.applicant, `/cases/${s.caseId}/confirmation-applications`, { courtId: futian.courtId }).expect(201)).body.id as string;
    await post(s.respondent, `/confirmation-applications/${second}/consents`).expect(200);
    await post(futian.clerk, `/confirmation-applications/${second}/decline`, { reason: '' })
      .expect(400)
      .expect((res) => expect(res.body.errors[0].field).toBe('reason'));
    const declined = await post(futian.clerk, `/confirmation-applications/${second}/decline`, { reason: 'The subject matter is outside this district' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', declined: { reason: 'The subject matter is outside this district' } });
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.Settled);

    // And a third one the parties withdraw before the ruling.
    const third = (await post(s.respondent, `/cases/${s.caseId}/confirmation-applications`, { courtId: xihu.courtId }).expect(201)).body.id as string;
    await post(s.applicant, `/confirmation-applications/${third}/consents`).expect(200);
    await post(xihu.clerk, `/confirmation-applications/${third}/docket`).expect(200);
    await post(xihu.clerk, `/confirmation-applications/${third}/withdraw`, { reason: 'court staff cannot' }).expect(403);
    const withdrawn = await post(s.applicant, `/confirmation-applications/${third}/withdraw`, { reason: 'We settle it between us' }).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawn: { reason: 'We settle it between us' } });
    expect(await caseStatus(s.caseId)).toBe(CaseStatus.Settled);
  });

  it('issues the institution attestation of an international settlement, downloadable by the parties', async () => {
    const domestic = await settled();
    await post(domestic.applicant, `/cases/${domestic.caseId}/attestation`).expect(409);
    const s = await settled({ foreignElement: true });
    await post(xihu.clerk, `/cases/${s.caseId}/attestation`).expect(404);
    const issued = (await post(s.respondent, `/cases/${s.caseId}/attestation`).expect(200)).body.items as { id: string; kind: string; filename: string }[];
    expect(issued.map((d) => d.kind)).toEqual(['attestation', 'attestation']);
    const again = (await post(s.applicant, `/cases/${s.caseId}/attestation`).expect(200)).body.items as { id: string }[];
    expect(again.map((d) => d.id).sort()).toEqual(issued.map((d) => d.id).sort());
    const en = await pdfText(await download(s.applicant, issued.find((d) => d.filename.startsWith('attestation'))!.id));
    expect(en).toContain('Attestation of Mediated Settlement');
    expect(en).toContain('Singapore Convention');
    expect(en).toContain(s.version.hash);
    expect(en).toContain(s.mediator.user.displayName);
    const zh = await pdfText(await download(s.respondent, issued.find((d) => !d.filename.startsWith('attestation'))!.id));
    expect(zh).toContain('调解机构证明书');
  });
});
