import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import type { ServiceBody } from './support/services';
import { startSmtpServer } from './support/smtp-server';
import { createTestApp, workerTestEnv, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** The small API additions the administration portal needs: intake oldest first, a chosen correction period, exhausted services. */
describe('administration portal API', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, ...workerTestEnv('adm') } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const submitted = async () => {
    const applicant = await signedInUser(t);
    return caseInState(t, { status: CaseStatus.Submitted, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
  };
  const submittedIds = async (query: string): Promise<{ ids: string[]; nextCursor: string | null }> => {
    const res = await t.http.get(`/api/v1/cases?status=submitted&${query}`).set('Authorization', admin.bearer).expect(200);
    return { ids: (res.body.items as { id: string }[]).map((c) => c.id), nextCursor: res.body.nextCursor as string | null };
  };
  /** Every submitted case in the order asked, page after page: other tests of this file submit cases too. */
  const allSubmittedIds = async (query: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { ids: string[]; nextCursor: string | null } = await submittedIds(`${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.ids);
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  it('lists cases oldest first on request, and pages on in that order', async () => {
    const first = await submitted();
    const second = await submitted();
    const third = await submitted();
    const mine = (ids: string[]) => ids.filter((id) => [first.id, second.id, third.id].includes(id));

    expect(mine(await allSubmittedIds('order=oldest'))).toEqual([first.id, second.id, third.id]);
    expect(mine(await allSubmittedIds('order=newest'))).toEqual([third.id, second.id, first.id]);

    // Page by page, oldest first, each case once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { ids: string[]; nextCursor: string | null } = await submittedIds(`order=oldest&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.ids);
      cursor = page.nextCursor;
    } while (cursor);
    expect(mine(seen)).toEqual([first.id, second.id, third.id]);
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await t.http.get('/api/v1/cases?order=sideways').set('Authorization', admin.bearer).expect(400);
    expect(JSON.stringify(bad.body)).toContain('order');
  });

  it('intake asks for a correction within the days it chose; without a choice, the configured period', async () => {
    const fire = (caseId: string, body: Record<string, unknown>) => t.http.post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', admin.bearer).send(body);
    const correctionDue = async (caseId: string): Promise<number> => {
      const res = await t.http.get(`/api/v1/cases/${caseId}/deadlines`).set('Authorization', admin.bearer).expect(200);
      const d = (res.body.items as { kind: string; dueAt: string }[]).find((x) => x.kind === 'correction');
      return new Date(d!.dueAt).getTime();
    };

    const chosen = await submitted();
    const refused = await fire(chosen.id, { event: 'request_correction', reason: 'Incomplete', items: ['The patent certificate'], correctionDays: 0 }).expect(400);
    expect(JSON.stringify(refused.body.errors)).toContain('correctionDays');
    expect((await t.http.get(`/api/v1/cases/${chosen.id}`).set('Authorization', admin.bearer).expect(200)).body.status).toBe('submitted');

    const before = Date.now();
    await fire(chosen.id, { event: 'request_correction', reason: 'Incomplete', items: ['The patent certificate'], correctionDays: 3 }).expect(200);
    const dueIn = (await correctionDue(chosen.id)) - before;
    // Three calendar days counted from tomorrow, to the end of a day (CPL art. 85), perhaps rolled past a weekend: well short of the default 7.
    expect(dueIn).toBeGreaterThan(2 * DAY);
    expect(dueIn).toBeLessThan(6 * DAY);

    const standard = await submitted();
    await fire(standard.id, { event: 'request_correction', reason: 'Incomplete', items: ['Sign the application'] }).expect(200);
    expect((await correctionDue(standard.id)) - before).toBeGreaterThan(6 * DAY);
  });

  it('lists services that no channel could make effective, until staff serve them offline', async () => {
    const applicant = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const c = await caseInState(t, { status: CaseStatus.Assigning, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    await t.http.post(`/api/v1/cases/${c.id}/assignment/accept`).set('Authorization', mediator.bearer).send({ noConflict: true }).expect(200);
    const [service] = (await t.http.get(`/api/v1/cases/${c.id}/services`).set('Authorization', admin.bearer).expect(200)).body.items as ServiceBody[];

    const listed = async (): Promise<{ id: string; caseNumber: string; caseTitle: string }[]> =>
      (await t.http.get('/api/v1/admin/services/exhausted?limit=100').set('Authorization', admin.bearer).expect(200)).body.items;
    expect((await listed()).map((s) => s.id)).not.toContain(service.id);

    // As the fallback sweep leaves it when every consented channel has been tried.
    await t.db.query(`UPDATE services SET exhausted_at = now(), next_attempt_at = NULL WHERE id = $1`, [service.id]);
    expect(await listed()).toContainEqual(expect.objectContaining({ id: service.id, caseId: c.id, caseNumber: c.number, caseTitle: c.title }));

    const party = await signedInUser(t);
    await t.http.get('/api/v1/admin/services/exhausted').set('Authorization', party.bearer).expect(403);

    await t.http
      .post(`/api/v1/services/${service.id}/offline`)
      .set('Authorization', admin.bearer)
      .send({ method: 'post', reason: 'E-mail bounced; sent by EMS', servedAt: new Date().toISOString() })
      .expect(200);
    expect((await listed()).map((s) => s.id)).not.toContain(service.id);
  });
});
