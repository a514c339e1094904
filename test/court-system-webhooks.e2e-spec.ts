import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseTransitions } from '../src/cases/case-transitions.service';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { Clock } from '../src/infrastructure/clock/clock';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { caseInState, referralBody, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, mediatorProfile, profiledMediator, signedInUser, type SignedIn } from './support/factories';
import { settledCase } from './support/settled-case-fixture';
import { createTestApp, eventually, workerTestEnv, type TestApp } from './support/test-app';
import { signedWith, startWebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver';

const MAX_ROWS = 100;
const OVERLAP_HOURS = 2;
const ALL_EVENTS = ['accepted', 'mediator_assigned', 'settled', 'failed', 'confirmed', 'performed', 'closed', 'archived'];

describe('court systems: signed webhooks of their cases (HTTP, a receiver on loopback)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let clock: Clock;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...workerTestEnv('webhooks'),
        REFERRAL_BATCH_MAX_ROWS: String(MAX_ROWS),
        WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
        // Short waits the tests can sit out: 200 ms, 400 ms, 800 ms… at most 1 s.
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_RETRY_MAX_MS: '1000',
        WEBHOOK_MAX_ATTEMPTS: '6',
        WEBHOOK_TIMEOUT_MS: '3000',
        WEBHOOK_SECRET_OVERLAP_HOURS: String(OVERLAP_HOURS),
      },
    });
    clock = t.app.get(Clock);
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  const issue = async (courtId: string, permissions: string[]) => {
    const res = await t.http
      .post('/api/v1/admin/court-systems/keys')
      .set('Authorization', admin.bearer)
      .send({ courtId, courtSystemName: `审判管理系统 ${courtId.slice(0, 4)}`, label: 'production', permissions });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; courtSystemId: string };
  };
  const batch = (key: string, referrals: unknown[]) => t.http.post('/api/v1/court-systems/referral-batches').set('Authorization', `Bearer ${key}`).send({ referrals });
  const row = () => {
    const referralNumber = `(2026)浙01民诉前调${randomUUID().slice(0, 8)}号`;
    return { ...referralBody(`applicant-${randomUUID().slice(0, 8)}@test.accord`, { referralNumber }), referralNumber };
  };
  const fire = (who: SignedIn, caseId: string, body: Record<string, unknown>) => t.http.post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', who.bearer).send(body);
  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const caseStatus = async (caseId: string): Promise<string> => ((await t.db.query(`SELECT status FROM cases WHERE id = $1`, [caseId])) as { status: string }[])[0].status;
  const undelivered = async (subscriptionId: string): Promise<number> =>
    Number(((await t.db.query(`SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 AND status <> 'delivered'`, [subscriptionId])) as { n: string }[])[0].n);

  /** Each case's events as received, in arrival order. */
  const byCase = (received: ReceivedWebhook[]): Map<string, ReceivedWebhook[]> => {
    const out = new Map<string, ReceivedWebhook[]>();
    for (const r of received) out.set(r.json.case.id, [...(out.get(r.json.case.id) ?? []), r]);
    return out;
  };

  /** Waits until the subscription has `count` deliveries, all delivered. */
  const allDelivered = (subscriptionId: string, count: number, timeoutMs = 60_000) =>
    eventually(
      async () => {
        const [{ n }] = (await t.db.query(`SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'delivered'`, [subscriptionId])) as {
          n: string;
        }[];
        return Number(n) >= count && (await undelivered(subscriptionId)) === 0 ? Number(n) : undefined;
      },
      timeoutMs,
      `${count} webhook deliveries`,
    );

  /**
   * A referred case through mediation to a signed agreement: the fixture's effective agreement,
   * the case put back to signing, then the last signature's transition (agreement_effective) fired
   * as the signing flow fires it; then judicial confirmation and performance over HTTP, as the
   * people do it. Events: settled, confirmed, performed, closed, then archived by the archive job.
   */
  async function settledThroughToClosed(courtId: string, clerk: SignedIn, judge: SignedIn): Promise<string> {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const s = await settledCase(t, { applicant, respondent, mediator, referringCourtId: courtId, track: false });
    const caseId = s.case.id;
    await t.db.query(`UPDATE cases SET status = 'signing' WHERE id = $1`, [caseId]);
    await t.app.get(CaseTransitions).fire({
      caseId,
      event: 'agreement_effective',
      actor: { kind: 'system', reason: 'the last signature' },
      // As the last signature's transition carries it: the signed PDF, which a referred case files with its court (C14).
      payload: { signedDocumentId: s.version.signedDocumentId },
      facts: { allSigned: true },
      triggers: ['feature'],
    });
    const appId = (await post(applicant, `/cases/${caseId}/confirmation-applications`, { courtId }).expect(201)).body.id as string;
    await post(respondent, `/confirmation-applications/${appId}/consents`).expect(200);
    const items = (await get(respondent, `/cases/${caseId}/performance`).expect(200)).body.items as { id: string }[];
    for (const item of items) {
      const proof = (await upload(t, respondent.bearer, caseId, { kind: 'performance_proof', filename: 'receipt.pdf' }).expect(201)).body.id as string;
      await post(respondent, `/cases/${caseId}/performance/items/${item.id}/report`, { documentIds: [proof] }).expect(200);
      await post(applicant, `/cases/${caseId}/performance/items/${item.id}/confirm`).expect(200);
    }
    await post(clerk, `/confirmation-applications/${appId}/docket`).expect(200);
    await post(judge, `/confirmation-applications/${appId}/confirm`).expect(200);
    return caseId;
  }

  /** A referred case offered to a mediator, accepted, agreed to by the respondent, then ended by the mediator: mediator_assigned, failed, closed, archived. */
  async function mediatedAndFailed(courtId: string): Promise<string> {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t, { verified: true });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const c = await caseInState(t, {
      status: CaseStatus.Assigning,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      referringCourtId: courtId,
    });
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    await post(mediator, `/cases/${c.id}/assignment/accept`, { noConflict: true }).expect(200);
    await post(respondent, `/cases/${c.id}/respondent-consent`, { agree: true }).expect(200);
    const respondentParty = (await t.db.getRepository(CaseParty).findOneByOrFail({ caseId: c.id, side: PartySide.Respondent })).id;
    await post(mediator, `/cases/${c.id}/termination`, {
      reason: 'refuses_to_continue',
      partiesConcerned: [respondentParty],
      explanation: 'The respondent said it would not continue.',
    }).expect(200);
    return c.id;
  }

  it('plays a court system: a key, 500 referrals in batches, its own subscription, and every event of its cases signed, once and in order', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const court = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
      const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
      const judge = await signedInUser(t, { roles: [GlobalRole.Judge] });
      await addMembership(t.db, clerk.user.id, court, MembershipRole.Member);
      await addMembership(t.db, judge.user.id, court, MembershipRole.Member);
      const { key, id: keyId } = await issue(court, ['refer_cases', 'read_cases', 'manage_webhooks']);
      const readOnly = await issue(court, ['read_cases']);

      // Subscribing: bad input is a problem+json naming the field, and nothing is created.
      const subscribe = (k: string, body: Record<string, unknown>) => t.http.post('/api/v1/court-systems/webhooks').set('X-Api-Key', k).send(body);
      for (const [body, field] of [
        [{ url: 'http://court.example.cn/hook', events: ALL_EVENTS }, 'url'],
        [{ url: 'https://10.0.0.8/hook', events: ALL_EVENTS }, 'url'],
        [{ url: 'https://169.254.169.254/latest/meta-data', events: ALL_EVENTS }, 'url'],
        [{ url: 'not a url', events: ALL_EVENTS }, 'url'],
        [{ url: receiver.url, events: ['accepted', 'teleported'] }, 'events'],
        [{ url: receiver.url, events: [] }, 'events'],
      ] as const) {
        const res = await subscribe(key, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      }
      expect((await subscribe(readOnly.key, { url: receiver.url, events: ALL_EVENTS })).status).toBe(403);
      expect(Number(((await t.db.query(`SELECT count(*) AS n FROM webhook_subscriptions`)) as { n: string }[])[0].n)).toBe(0);

      const subscribed = await subscribe(key, { url: receiver.url, events: ALL_EVENTS });
      expect(subscribed.status).toBe(201);
      const { secret, id: subscriptionId } = subscribed.body as { secret: string; id: string };
      expect(secret).toMatch(/^whsec_/);
      const listed = await t.http.get('/api/v1/court-systems/webhooks').set('X-Api-Key', key);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: subscriptionId, url: receiver.url, events: ALL_EVENTS })]);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      // 500 referrals in batches of 100, the second batch posted twice: 500 cases, no webhook yet (a referral is no event).
      const batches = Array.from({ length: 5 }, () => Array.from({ length: MAX_ROWS }, row));
      const caseIds: string[] = [];
      for (const [i, b] of batches.entries()) {
        const res = await batch(key, b);
        expect(res.body).toMatchObject({ created: MAX_ROWS, invalid: 0 });
        caseIds.push(...(res.body.rows as { caseId: string }[]).map((r) => r.caseId));
        if (i === 1) expect((await batch(key, b)).body).toMatchObject({ created: 0, existing: MAX_ROWS });
      }
      expect(new Set(caseIds).size).toBe(500);

      // Intake accepts 20 and rejects 5; a mediator serving the court accepts three of the accepted.
      const mediator = await profiledMediator(t, admin, mediatorProfile([court], { capacity: 20 }));
      const accepted = caseIds.slice(0, 20);
      const rejected = caseIds.slice(20, 25);
      for (const id of accepted) await fire(admin, id, { event: 'accept', expectedVersion: 1 }).expect(200);
      for (const id of rejected) await fire(admin, id, { event: 'reject', expectedVersion: 1, reason: 'Not an IP dispute' }).expect(200);
      const offered = await eventually(
        async () => {
          const rows = (await t.db.query(`SELECT case_id FROM assignment_offers WHERE mediator_id = $1 AND status = 'pending' ORDER BY case_id LIMIT 3`, [mediator.user.id])) as {
            case_id: string;
          }[];
          return rows.length === 3 ? rows.map((r) => r.case_id) : undefined;
        },
        30_000,
        'three offers to the mediator',
      );
      for (const id of offered) await post(mediator, `/cases/${id}/assignment/accept`, { noConflict: true }).expect(200);

      // Two more cases of the court, walked further: one fails in mediation, one settles and is confirmed and performed.
      const failed = await mediatedAndFailed(court);
      const performed = await settledThroughToClosed(court, clerk, judge);

      const expected = new Map<string, string[]>();
      for (const id of accepted) expected.set(id, offered.includes(id) ? ['accepted', 'mediator_assigned'] : ['accepted']);
      for (const id of rejected) expected.set(id, ['closed', 'archived']);
      expected.set(failed, ['mediator_assigned', 'failed', 'closed', 'archived']);
      expected.set(performed, ['settled', 'confirmed', 'performed', 'closed', 'archived']);
      const total = [...expected.values()].reduce((n, e) => n + e.length, 0);
      await allDelivered(subscriptionId, total, 120_000);
      expect(await caseStatus(performed)).toBe('archived');

      const received = receiver.received();
      expect(received).toHaveLength(total);
      // Every signature verifies with the secret shown at subscription, and the header's id is the body's.
      for (const r of received) {
        expect(signedWith(r.signature, r.body, secret)).toBe(true);
        expect(r.eventId).toBe(r.json.id);
      }
      // Each event once; each case's events in order, numbered 1, 2, 3…, the case's version rising.
      expect(new Set(received.map((r) => r.json.id)).size).toBe(total);
      const got = byCase(received);
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [caseId, events] of got) {
        expect({ caseId, types: events.map((e) => e.json.type) }).toEqual({ caseId, types: expected.get(caseId) });
        expect(events.map((e) => e.json.sequence)).toEqual(events.map((_, i) => i + 1));
        const versions = events.map((e) => e.json.case.version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
      }
      expect(got.get(performed)!.map((e) => e.json.case.status)).toEqual(['settled', 'confirmed', 'closed', 'closed', 'archived']);

      // A revoked key is refused at once, on the webhook routes too.
      await t.http.post(`/api/v1/admin/court-systems/keys/${keyId}/revoke`).set('Authorization', admin.bearer).expect(200);
      const refused = await t.http.get('/api/v1/court-systems/webhooks').set('X-Api-Key', key);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    } finally {
      await receiver.close();
    }
  }, 300_000);

  it('a receiver that fails 3 times then recovers gets every event, each case in order; administrators see every attempt and replay one', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 3 });
    try {
      const court = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
      const { key, courtSystemId } = await issue(court, ['refer_cases']);
      // Subscribed by an administrator, for two kinds of event only.
      const created = await post(admin, '/admin/webhooks/subscriptions', { courtSystemId, url: receiver.url, events: ['closed', 'archived'] }).expect(201);
      const subscriptionId = created.body.id as string;
      const secret = created.body.secret as string;
      const bad = await post(admin, '/admin/webhooks/subscriptions', { courtSystemId, url: 'http://court.example.cn/hook', events: ['closed'] });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors[0]).toMatchObject({ field: 'url' });
      const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
      await post(clerk, '/admin/webhooks/subscriptions', { courtSystemId, url: receiver.url, events: ['closed'] }).expect(403);

      const res = await batch(key, [row(), row()]);
      const caseIds = (res.body.rows as { caseId: string }[]).map((r) => r.caseId);
      // Accepting is not subscribed: nothing is sent for it.
      await fire(admin, caseIds[1], { event: 'accept', expectedVersion: 1 }).expect(200);
      await fire(admin, caseIds[0], { event: 'reject', expectedVersion: 1, reason: 'Out of scope' }).expect(200);
      await allDelivered(subscriptionId, 2);

      // Three 500s, then 204s: the closed event was tried until it arrived, and archived only went after it.
      expect(receiver.requests.map((r) => [r.json.type, r.answered])).toEqual([
        ['closed', 500],
        ['closed', 500],
        ['closed', 500],
        ['closed', 204],
        ['archived', 204],
      ]);
      for (const r of receiver.requests) expect(signedWith(r.signature, r.body, secret)).toBe(true);
      expect(receiver.received().map((r) => [r.json.sequence, r.json.case.id])).toEqual([
        [1, caseIds[0]],
        [2, caseIds[0]],
      ]);

      // Administrators see the deliveries and each attempt: status code, error, duration.
      const deliveries = (await get(admin, `/admin/webhooks/deliveries?subscriptionId=${subscriptionId}`).expect(200)).body.items as {
        id: string;
        type: string;
        status: string;
        attempts: number;
      }[];
      expect(deliveries.map((d) => [d.type, d.status, d.attempts]).sort()).toEqual([
        ['archived', 'delivered', 1],
        ['closed', 'delivered', 4],
      ]);
      const closed = deliveries.find((d) => d.type === 'closed')!;
      const attempts = (await get(admin, `/admin/webhooks/deliveries/${closed.id}/attempts`).expect(200)).body.items as Record<string, unknown>[];
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.replay])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 500, false],
        [4, 204, false],
      ]);
      expect(attempts[0].error).toContain('500');
      expect(attempts[3].error).toBeNull();
      for (const a of attempts) expect(a.durationMs).toEqual(expect.any(Number));
      // The waits grew: each retry came no sooner than the backoff allowed (200 ms, 400 ms, 800 ms, less 20 % jitter).
      const starts = attempts.map((a) => new Date(a.startedAt as string).getTime());
      expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(320);
      expect(starts[3] - starts[2]).toBeGreaterThanOrEqual(640);

      // Replaying sends the same event again, signed afresh, and records the attempt as a replay.
      await post(admin, `/admin/webhooks/deliveries/${closed.id}/replay`).expect(200);
      await eventually(async () => (receiver.received().length === 3 ? true : undefined), 10_000, 'the replay');
      const replayed = receiver.received()[2];
      expect(replayed.json.id).toBe(receiver.received()[0].json.id);
      expect(replayed.body).toBe(receiver.received()[0].body);
      expect(signedWith(replayed.signature, replayed.body, secret)).toBe(true);
      const again = (await get(admin, `/admin/webhooks/deliveries/${closed.id}/attempts`).expect(200)).body.items as Record<string, unknown>[];
      expect(again.at(-1)).toMatchObject({ attempt: 5, replay: true, statusCode: 204 });
      await post(admin, `/admin/webhooks/deliveries/${randomUUID()}/replay`).expect(404);
      await get(clerk, `/admin/webhooks/deliveries?subscriptionId=${subscriptionId}`).expect(403);
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('rotating the secret: both secrets sign during the overlap, only the new one after it', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const court = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
      const { key, courtSystemId } = await issue(court, ['refer_cases', 'manage_webhooks']);
      const created = await t.http
        .post('/api/v1/court-systems/webhooks')
        .set('X-Api-Key', key)
        .send({ url: receiver.url, events: ['accepted', 'closed'] });
      expect(created.status).toBe(201);
      const { id: subscriptionId, secret: oldSecret } = created.body as { id: string; secret: string };
      const caseIds = ((await batch(key, [row(), row(), row()])).body.rows as { caseId: string }[]).map((r) => r.caseId);

      // Another court system's key cannot rotate it: as if it did not exist.
      const other = await issue((await createOrganisation(t.db, { kind: OrganisationKind.Court })).id, ['manage_webhooks']);
      expect((await t.http.post(`/api/v1/court-systems/webhooks/${subscriptionId}/rotate-secret`).set('X-Api-Key', other.key)).status).toBe(404);

      const rotated = await t.http.post(`/api/v1/court-systems/webhooks/${subscriptionId}/rotate-secret`).set('X-Api-Key', key);
      expect(rotated.status).toBe(200);
      const newSecret = rotated.body.secret as string;
      expect(newSecret).not.toBe(oldSecret);
      expect(new Date(rotated.body.previousSecretValidUntil as string).getTime() - clock.nowMs()).toBeGreaterThan(OVERLAP_HOURS * 3_600_000 - 60_000);
      const listed = (await get(admin, `/admin/webhooks/subscriptions?courtSystemId=${courtSystemId}`).expect(200)).body.items as Record<string, unknown>[];
      expect(listed).toEqual([expect.objectContaining({ id: subscriptionId, secretRotatedAt: expect.any(String) })]);
      expect(JSON.stringify(listed)).not.toContain(newSecret);

      // During the overlap: two v1 signatures, one for each secret.
      await fire(admin, caseIds[0], { event: 'accept', expectedVersion: 1 }).expect(200);
      await allDelivered(subscriptionId, 1);
      const during = receiver.received()[0];
      expect(during.signature.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
      expect(signedWith(during.signature, during.body, oldSecret)).toBe(true);
      expect(signedWith(during.signature, during.body, newSecret)).toBe(true);

      // After it: the new secret alone.
      clock.advance(OVERLAP_HOURS * 3_600_000 + 60_000);
      await fire(admin, caseIds[1], { event: 'accept', expectedVersion: 1 }).expect(200);
      await allDelivered(subscriptionId, 2);
      const after = receiver.received()[1];
      expect(after.signature.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(1);
      expect(signedWith(after.signature, after.body, newSecret)).toBe(true);
      expect(signedWith(after.signature, after.body, oldSecret)).toBe(false);

      // A disabled subscription hears nothing more.
      await post(admin, `/admin/webhooks/subscriptions/${subscriptionId}/disable`).expect(200);
      await fire(admin, caseIds[2], { event: 'accept', expectedVersion: 1 }).expect(200);
      expect(Number(((await t.db.query(`SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1`, [subscriptionId])) as { n: string }[])[0].n)).toBe(2);

      // Subscribing, rotating and disabling are in the security log: by the key (no person) or the administrator; never a secret.
      const events = (await get(admin, '/admin/security-events?limit=100').expect(200)).body.items as { type: string; actorId: string | null; details: Record<string, unknown> }[];
      const ofSubscription = events.filter((e) => e.details.subscriptionId === subscriptionId);
      expect(ofSubscription.map((e) => [e.type, e.actorId]).sort()).toEqual([
        ['webhook_disabled', admin.user.id],
        ['webhook_secret_rotated', null],
        ['webhook_subscribed', null],
      ]);
      expect(JSON.stringify(events)).not.toContain(oldSecret);
      expect(JSON.stringify(events)).not.toContain(newSecret);
    } finally {
      await receiver.close();
    }
  }, 120_000);

  it('a delivery given up after WEBHOOK_MAX_ATTEMPTS lets its case go on; a replay delivers it; a lost job is sent by the sweep', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 6 });
    try {
      const court = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
      const { key, courtSystemId } = await issue(court, ['refer_cases']);
      const created = await post(admin, '/admin/webhooks/subscriptions', { courtSystemId, url: receiver.url, events: ['closed', 'archived'] }).expect(201);
      const subscriptionId = created.body.id as string;
      const [caseId] = ((await batch(key, [row()])).body.rows as { caseId: string }[]).map((r) => r.caseId);
      await fire(admin, caseId, { event: 'reject', expectedVersion: 1, reason: 'Out of scope' }).expect(200);

      // Six 500s: closed is given up, and archived, next in the case, goes.
      const failed = await eventually(
        async () => {
          const page = (await get(admin, `/admin/webhooks/deliveries?subscriptionId=${subscriptionId}&status=failed`).expect(200)).body.items as Record<string, unknown>[];
          return page.length === 1 && receiver.received().length === 1 ? page[0] : undefined;
        },
        30_000,
        'closed given up and archived delivered',
      );
      expect(failed).toMatchObject({ type: 'closed', status: 'failed', attempts: 6, lastStatusCode: 500, failedAt: expect.any(String) });
      expect(receiver.requests.map((r) => [r.json.type, r.answered])).toEqual([...Array.from({ length: 6 }, () => ['closed', 500]), ['archived', 204]]);

      // The administrator replays it: the gap in the sequence is filled.
      await post(admin, `/admin/webhooks/deliveries/${failed.id as string}/replay`).expect(200);
      await allDelivered(subscriptionId, 2);
      expect(receiver.received().map((r) => [r.json.type, r.json.sequence])).toEqual([
        ['archived', 2],
        ['closed', 1],
      ]);
      // A delivered one may be replayed too (its receiver lost it).
      await post(admin, `/admin/webhooks/deliveries/${failed.id as string}/replay`).expect(200);
      await allDelivered(subscriptionId, 2);

      // A job lost (Redis lost it): the delivery, due for longer than the grace, is picked up by the sweep.
      await t.db.query(`UPDATE webhook_deliveries SET status = 'pending', created_at = now() - interval '1 minute' WHERE id = $1`, [failed.id]);
      expect(receiver.received()).toHaveLength(3);
      await eventually(async () => (receiver.received().length === 4 ? true : undefined), 15_000, 'the sweep to send it again');
      expect(receiver.received().at(-1)!.json.type).toBe('closed');
      await allDelivered(subscriptionId, 2);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
