import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { referralBody } from './support/case-fixtures';
import { createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const RATE_LIMIT = 20;
const MAX_ROWS = 100;

describe('court systems: API keys, and referrals in batches by key (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let courtA: string;
  let courtB: string;

  beforeAll(async () => {
    t = await createTestApp({
      runWorkers: false,
      // A fresh rate-limit counter in Redis, and small limits the tests can reach.
      env: { QUEUE_PREFIX: `courtsys${randomUUID().slice(0, 6)}`, API_KEY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), REFERRAL_BATCH_MAX_ROWS: String(MAX_ROWS) },
    });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    courtA = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
    courtB = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = async (courtId: string, permissions: string[], label = 'production') => {
    const res = await t.http
      .post('/api/v1/admin/court-systems/keys')
      .set('Authorization', admin.bearer)
      .send({ courtId, courtSystemName: `审判管理系统 ${courtId.slice(0, 4)}`, label, permissions });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; courtSystemId: string; permissions: string[] };
  };
  const batch = (key: string, referrals: unknown[]) => t.http.post('/api/v1/court-systems/referral-batches').set('Authorization', `Bearer ${key}`).send({ referrals });
  const read = (key: string, referralNumber: string) => t.http.get(`/api/v1/court-systems/cases/${encodeURIComponent(referralNumber)}`).set('X-Api-Key', key);
  const row = () => {
    const referralNumber = `(2026)浙01民诉前调${randomUUID().slice(0, 8)}号`;
    return { ...referralBody(`applicant-${randomUUID().slice(0, 8)}@test.accord`, { referralNumber }), referralNumber };
  };
  const casesOf = async (courtId: string): Promise<number> =>
    Number(((await t.db.query(`SELECT count(*) AS n FROM cases WHERE referring_court_id = $1`, [courtId])) as { n: string }[])[0].n);

  it('issues a key shown once: the list never shows it, the database holds only its hash, and only administrators issue', async () => {
    const issued = await issue(courtA, ['refer_cases', 'read_cases']);
    expect(issued.key).toMatch(new RegExp(`^acc_${issued.id}\\.[A-Za-z0-9_-]{43}$`));
    const secret = issued.key.split('.')[1];

    const list = await t.http.get(`/api/v1/admin/court-systems/keys?courtId=${courtA}`).set('Authorization', admin.bearer);
    expect(list.status).toBe(200);
    const listed = (list.body.items as Record<string, unknown>[]).find((k) => k.id === issued.id)!;
    expect(listed).toMatchObject({ id: issued.id, courtId: courtA, permissions: ['refer_cases', 'read_cases'], prefix: `acc_${issued.id}`, lastUsedAt: null, revokedAt: null });
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const stored = (await t.db.query(`SELECT * FROM court_system_keys WHERE id = $1`, [issued.id])) as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const leaked = (await t.db.query(`SELECT count(*) AS n FROM security_events WHERE details::text LIKE '%' || $1 || '%'`, [secret])) as { n: string }[];
    expect(Number(leaked[0].n)).toBe(0);

    // Keys issued at once for a new system join one system (the race the lock in issue() closes rarely shows here).
    const name = `系统 ${randomUUID().slice(0, 6)}`;
    const both = await Promise.all(
      [1, 2].map(() =>
        t.http
          .post('/api/v1/admin/court-systems/keys')
          .set('Authorization', admin.bearer)
          .send({ courtId: courtB, courtSystemName: name, label: 'x', permissions: ['read_cases'] }),
      ),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[0].body.courtSystemId).toBe(both[1].body.courtSystemId);

    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    const refused = await t.http
      .post('/api/v1/admin/court-systems/keys')
      .set('Authorization', clerk.bearer)
      .send({ courtId: courtA, courtSystemName: 'x', label: 'x', permissions: ['read_cases'] });
    expect(refused.status).toBe(403);
    const wrong = await t.http
      .post('/api/v1/admin/court-systems/keys')
      .set('Authorization', admin.bearer)
      .send({ courtId: courtA, courtSystemName: 'x', label: 'x', permissions: ['delete_everything'] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toContain('permissions');
  });

  it('creates referrals in batches; a batch posted twice creates nothing twice and answers the same case numbers', async () => {
    const { key } = await issue(courtA, ['refer_cases', 'read_cases']);
    const before = await casesOf(courtA);
    const rows = [row(), row(), row()];
    const first = await batch(key, rows);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 3, existing: 0, invalid: 0 });
    const numbers = first.body.rows.map((r: { caseNumber: string }) => r.caseNumber);
    expect(first.body.rows.map((r: { referralNumber: string }) => r.referralNumber)).toEqual(rows.map((r) => r.referralNumber));
    expect(new Set(numbers).size).toBe(3);

    // A retry of the whole batch, and a batch overlapping it (with one new row and a reference sent twice).
    const again = await batch(key, rows);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, existing: 3, invalid: 0 });
    expect(again.body.rows.map((r: { caseNumber: string }) => r.caseNumber)).toEqual(numbers);
    const extra = row();
    const overlap = await batch(key, [rows[1], extra, extra]);
    expect(overlap.body.rows.map((r: { result: string }) => r.result)).toEqual(['existing', 'created', 'existing']);
    expect(overlap.body.rows[0].caseNumber).toBe(numbers[1]);
    expect(overlap.body.rows[2].caseNumber).toBe(overlap.body.rows[1].caseNumber);
    expect(await casesOf(courtA)).toBe(before + 4);

    // The case names the court system's account as its creator, and reads back by reference.
    const created = (await t.db.query(`SELECT c.created_by, s.account_user_id FROM cases c, court_systems s WHERE c.id = $1 AND s.court_id = $2`, [
      first.body.rows[0].caseId,
      courtA,
    ])) as { created_by: string; account_user_id: string }[];
    expect(created.map((c) => c.account_user_id)).toContain(created[0].created_by);
    const status = await read(key, rows[0].referralNumber);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ number: numbers[0], referralNumber: rows[0].referralNumber, status: 'submitted', outcome: null });
  });

  it("answers a bad row with its field errors, indexed, and creates the batch's good rows", async () => {
    const { key } = await issue(courtA, ['refer_cases']);
    const good = [row(), row()];
    const bad = { ...row(), referralType: 'by_carrier_pigeon', respondents: [{ kind: 'organisation', name: '乙', legalRepresentative: '李强', email: 'not an e-mail' }] };
    const res = await batch(key, [good[0], bad, good[1], 'not an object']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, existing: 0, invalid: 2 });
    expect(res.body.rows.map((r: { result: string }) => r.result)).toEqual(['created', 'invalid', 'created', 'invalid']);
    const fields = res.body.rows[1].errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['referrals.1.referralType isEnum', 'referrals.1.respondents.0.email isEmail']));
    expect(res.body.rows[1].caseNumber).toBeNull();
    expect(res.body.rows[3].errors[0]).toMatchObject({ field: 'referrals.3', rule: 'isObject' });
    const created = (await t.db.query(`SELECT count(*) AS n FROM cases WHERE referring_court_id = $1 AND referral_number = $2`, [courtA, bad.referralNumber])) as { n: string }[];
    expect(Number(created[0].n)).toBe(0);

    const tooMany = await batch(key, Array.from({ length: MAX_ROWS + 1 }, row));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'referrals', rule: 'arrayMaxSize' });
  });

  it('takes 500 referrals in batches of the largest size, one batch posted twice and one posted twice at once, each case created once', async () => {
    const court = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
    const { key } = await issue(court, ['refer_cases']);
    const batches = Array.from({ length: 500 / MAX_ROWS }, () => Array.from({ length: MAX_ROWS }, row));
    const numberOf = new Map<string, string>();
    for (const [i, b] of batches.entries()) {
      // The third batch is posted twice at the same moment, as a client retrying too early would.
      const answers = i === 2 ? await Promise.all([batch(key, b), batch(key, b)]) : [await batch(key, b)];
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(res.body.invalid).toBe(0);
        for (const r of res.body.rows as { referralNumber: string; caseNumber: string }[]) {
          expect(numberOf.get(r.referralNumber) ?? r.caseNumber).toBe(r.caseNumber);
          numberOf.set(r.referralNumber, r.caseNumber);
        }
      }
      if (i === 2) expect(answers.reduce((n, a) => n + (a.body.created as number), 0)).toBe(MAX_ROWS);
    }
    const repost = await batch(key, batches[1]);
    expect(repost.body).toMatchObject({ created: 0, existing: MAX_ROWS });
    expect(numberOf.size).toBe(500);
    expect(new Set(numberOf.values()).size).toBe(500);
    expect(await casesOf(court)).toBe(500);
  }, 180_000);

  it("keeps a key to its court and its permissions: another court's case is a 404, a missing permission a 403", async () => {
    const referA = await issue(courtA, ['refer_cases', 'read_cases']);
    const referOnlyA = await issue(courtA, ['refer_cases']);
    const readB = await issue(courtB, ['read_cases']);
    const r = row();
    expect((await batch(referA.key, [r])).body.created).toBe(1);

    expect((await read(referA.key, r.referralNumber)).status).toBe(200);
    const other = await read(readB.key, r.referralNumber);
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await read(referOnlyA.key, r.referralNumber)).status).toBe(403);
    const cannotRefer = await batch(readB.key, [row()]);
    expect(cannotRefer.status).toBe(403);
    expect(cannotRefer.body.detail).toContain('refer_cases');

    // A key is no person's token, and a person's token is no key.
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${referA.key}`)).status).toBe(401);
    expect(
      (
        await t.http
          .post('/api/v1/court-systems/referral-batches')
          .set('Authorization', admin.bearer)
          .send({ referrals: [row()] })
      ).status,
    ).toBe(401);
    expect((await t.http.post('/api/v1/court-systems/referral-batches').send({ referrals: [row()] })).status).toBe(401);
  });

  it('refuses a revoked key at once, and logs every issue, use, refusal and revocation', async () => {
    const issued = await issue(courtA, ['read_cases']);
    const r = row();
    const reader = await issue(courtA, ['refer_cases']);
    await batch(reader.key, [r]);
    expect((await read(issued.key, r.referralNumber)).status).toBe(200);

    const revoked = await t.http.post(`/api/v1/admin/court-systems/keys/${issued.id}/revoke`).set('Authorization', admin.bearer);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await read(issued.key, r.referralNumber);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    const listed = await t.http.get(`/api/v1/admin/court-systems/keys?courtId=${courtA}`).set('Authorization', admin.bearer);
    const row_ = listed.body.items.find((k: { id: string }) => k.id === issued.id);
    expect(row_.lastUsedAt).not.toBeNull();
    expect(row_.revokedAt).not.toBeNull();

    const events = await t.http.get('/api/v1/admin/security-events?limit=100').set('Authorization', admin.bearer);
    expect(events.status).toBe(200);
    const ofKey = (events.body.items as { type: string; actorId: string | null; details: Record<string, unknown> }[]).filter((e) => e.details.keyId === issued.id);
    expect(ofKey.map((e) => e.type).sort()).toEqual(['api_key_issued', 'api_key_refused', 'api_key_revoked', 'api_key_used']);
    expect(ofKey.find((e) => e.type === 'api_key_issued')!.actorId).toBe(admin.user.id);
    expect(ofKey.find((e) => e.type === 'api_key_revoked')!.actorId).toBe(admin.user.id);
    expect(ofKey.find((e) => e.type === 'api_key_used')!.details).toMatchObject({ method: 'GET' });
    expect(ofKey.find((e) => e.type === 'api_key_refused')!.details).toMatchObject({ reason: 'revoked' });

    expect((await t.http.post(`/api/v1/admin/court-systems/keys/${randomUUID()}/revoke`).set('Authorization', admin.bearer)).status).toBe(404);
  });

  it('limits the requests of each key per minute: 429 with Retry-After, other keys unaffected', async () => {
    const { key } = await issue(courtA, ['read_cases']);
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const res = await read(key, 'no-such-reference');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.type).toBe('urn:accord:problem:too-many-requests');
      }
    }
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT).fill(404), 429]);
    const other = await issue(courtA, ['read_cases']);
    expect((await read(other.key, 'no-such-reference')).status).toBe(404);
  });
});
