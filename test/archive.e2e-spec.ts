import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveRecord } from '../src/archive/archive-record.entity';
import { ArchiveService } from '../src/archive/archive.service';
import { GlobalRole } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { Case } from '../src/cases/entities/case.entity';
import { flipByteOfEntry, readZip, rewriteZip } from './support/archive-fixtures';
import { applicationBody, upload } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { makeTempDir } from './setup/test-services';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const VERIFY = join(__dirname, '..', 'scripts', 'archive-verify.cjs');
const verifyOffline = (file: string) => spawnSync(process.execPath, [VERIFY, file], { encoding: 'utf8' });

describe('electronic archive of closed cases', () => {
  let t: TestApp;
  let intake: SignedIn;
  let applicant: SignedIn;
  const dir = makeTempDir('accord-archive-e2e-');

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `arch${randomUUID().slice(0, 6)}`, OUTBOX_POLL_INTERVAL_MS: '100' } });
    intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
    applicant = await signedInUser(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A filed case with two documents, rejected at intake: closed, so the archive job takes it. */
  async function closedCase(): Promise<string> {
    const created = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    const id = created.body.id as string;
    await upload(t, applicant.bearer, id, { filename: 'evidence.pdf' }).expect(201);
    await upload(t, applicant.bearer, id, { kind: 'other', visibility: 'own_side_and_mediator', filename: 'private-note.pdf' }).expect(201);
    await t.http.post(`/api/v1/cases/${id}/transitions`).set('Authorization', applicant.bearer).send({ event: 'submit', expectedVersion: 1 }).expect(200);
    await t.http.post(`/api/v1/cases/${id}/transitions`).set('Authorization', intake.bearer).send({ event: 'reject', expectedVersion: 2, reason: 'Out of scope' }).expect(200);
    return id;
  }
  const archived = (id: string) =>
    eventually(async () => ((await t.db.getRepository(Case).findOneByOrFail({ id })).status === 'archived' ? true : undefined), 30_000, 'the archive job');

  it('archives a closed case by itself; the archive verifies online and offline; tampering is named', async () => {
    const id = await closedCase();
    await archived(id);
    const row = await t.db.getRepository(ArchiveRecord).findOneByOrFail({ caseId: id });
    expect(row).toMatchObject({ algorithm: 'sha256', documents: 2, retentionYears: 30 });
    const events = await t.db.getRepository(CaseEventRecord).find({ where: { caseId: id }, order: { sequence: 'ASC' } });
    expect(events.at(-1)).toMatchObject({ type: 'archive', payload: expect.objectContaining({ manifestHash: row.manifestHash }) });

    const online = await t.http.get(`/api/v1/cases/${id}/archive/verification`).set('Authorization', intake.bearer).expect(200);
    expect(online.body.ok).toBe(true);
    expect(online.body.items.length).toBeGreaterThan(5);

    // The applicant downloads it and checks it with no database.
    const zip = await t.http
      .get(`/api/v1/cases/${id}/archive/content`)
      .set('Authorization', applicant.bearer)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(zip.headers['x-archive-manifest-hash']).toBe(row.manifestHash);
    const file = join(dir, 'case.zip');
    await writeFile(file, zip.body as Buffer);
    const clean = verifyOffline(file);
    expect([clean.status, clean.stderr]).toEqual([0, '']);
    // The administrator may verify but not download: the ZIP holds sealed mediation content.
    await t.http.get(`/api/v1/cases/${id}/archive/content`).set('Authorization', intake.bearer).expect(403);

    const names = (await readZip(file)).map((e) => e.name);
    const document = names.find((n) => n.startsWith('documents/'))!;
    const oneByte = join(dir, 'one-byte.zip');
    await writeFile(oneByte, zip.body as Buffer);
    await flipByteOfEntry(oneByte, document, 10);
    const byteReport = verifyOffline(oneByte);
    expect(byteReport.status).toBe(1);
    expect(byteReport.stdout).toContain(document);

    const manifestField = join(dir, 'manifest.zip');
    await writeFile(manifestField, zip.body as Buffer);
    await rewriteZip(manifestField, (name, data) => (name === 'manifest.json' ? Buffer.from(data.toString('utf8').replace('Out of scope', 'Settled')) : undefined));
    const manifestReport = verifyOffline(manifestField);
    expect(manifestReport.status).toBe(1);
    expect(manifestReport.stdout).toMatch(/manifest/);

    const oneEvent = join(dir, 'event.zip');
    await writeFile(oneEvent, zip.body as Buffer);
    await rewriteZip(oneEvent, (name, data) => {
      if (name !== 'manifest.json') return undefined;
      const manifest = JSON.parse(data.toString('utf8'));
      manifest.events[1].payload = { ...manifest.events[1].payload, tampered: true };
      return Buffer.from(JSON.stringify(manifest));
    });
    const eventReport = verifyOffline(oneEvent);
    expect(eventReport.status).toBe(1);
    expect(eventReport.stdout).toMatch(/event/);
  }, 60_000);

  it('refuses every write to an archived case', async () => {
    const id = await closedCase();
    await archived(id);
    const before = await t.db.getRepository(Case).findOneByOrFail({ id });
    const uploadRes = await upload(t, applicant.bearer, id);
    expect(uploadRes.status).toBe(423);
    expect(uploadRes.body.type).toBe('urn:accord:problem:locked');
    await t.http.put(`/api/v1/cases/${id}/application`).set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(423);
    // 423 whatever the version: "reload and try again" (409) would send the client round in circles.
    for (const expectedVersion of [before.version, before.version - 1, undefined]) {
      const res = await t.http.post(`/api/v1/cases/${id}/transitions`).set('Authorization', applicant.bearer).send({ event: 'withdraw', expectedVersion });
      expect([expectedVersion, res.status, res.body.type]).toEqual([expectedVersion, 423, 'urn:accord:problem:locked']);
    }
    await t.http
      .post(`/api/v1/cases/${id}/transitions`)
      .set('Authorization', applicant.bearer)
      .set('If-Match', `"${before.version - 1}"`)
      .send({ event: 'withdraw' })
      .expect(423);
    await t.http
      .put(`/api/v1/cases/${id}/application`)
      .set('Authorization', applicant.bearer)
      .set('If-Match', `"${before.version - 1}"`)
      .send(applicationBody(applicant.user.email))
      .expect(423);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id })).version).toBe(before.version);
  }, 60_000);

  it('a repeated or concurrent archive job leaves exactly one archive', async () => {
    const id = await closedCase();
    const service = t.app.get(ArchiveService);
    // Racing the job the close queued, twice more at once (BullMQ delivers at least once):
    // at most one of the three writes the record and the transition.
    const results = await Promise.all([service.archive(id), service.archive(id)]);
    await archived(id);
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await Promise.all([service.archive(id)])).toEqual([false]);
    expect(await t.db.getRepository(ArchiveRecord).count({ where: { caseId: id } })).toBe(1);
    const types = (await t.db.getRepository(CaseEventRecord).find({ where: { caseId: id } })).map((e) => e.type);
    expect(types.filter((x) => x === 'archive')).toHaveLength(1);
  }, 60_000);
});
