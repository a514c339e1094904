import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { GlobalRole, Language } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { CaseEvent } from '../src/cases/lifecycle/case-lifecycle';
import { JobQueue } from '../src/infrastructure/queue/job-queue.service';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { NotificationDelivery } from '../src/notifications/notification-delivery.entity';
import { Notification } from '../src/notifications/notification.entity';
import { NotificationPush } from '../src/notifications/notification-push.service';
import { Notifier } from '../src/notifications/notifier.service';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { startSmtpServer } from './support/smtp-server';
import { jobsSettled } from './support/settled';
import { openStream } from './support/sse';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/** Quick retries and polling, so failure paths finish in seconds. */
const FAST = {
  OUTBOX_POLL_INTERVAL_MS: '200',
  DELIVERY_RETRY_BASE_MS: '100',
  DELIVERY_RETRY_MAX_MS: '500',
  DELIVERY_MAX_ATTEMPTS: '4',
  QUEUE_LOCK_DURATION_MS: '5000',
};

describe('notifications: in-app, e-mail over SMTP, SMS, live push, failures', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let intake: SignedIn;
  const prefix = `notif${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ env: { ...FAST, SMTP_URL: smtp.url, QUEUE_PREFIX: prefix } });
    intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const requestCorrection = (caseId: string, reason: string) =>
    t.http.post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', intake.bearer).send({ event: 'request_correction', expectedVersion: 1, reason }).expect(200);

  const deliveriesOf = (notificationId: string) => t.db.getRepository(NotificationDelivery).find({ where: { notificationId }, order: { channel: 'ASC', attempt: 'ASC' } });

  it('a correction request reaches each applicant in the inbox and by e-mail, in the applicant’s language', async () => {
    const zh = await signedInUser(t, { language: Language.ZhCN });
    const en = await signedInUser(t, { language: Language.En });
    const zhCase = await caseInState(t, { status: CaseStatus.Submitted, createdBy: zh.user.id, applicantUserId: zh.user.id });
    const enCase = await caseInState(t, { status: CaseStatus.Submitted, createdBy: en.user.id, applicantUserId: en.user.id });
    await requestCorrection(zhCase.id, '请补充专利登记簿副本');
    await requestCorrection(enCase.id, 'Attach the patent register extract');

    const zhMail = await eventually(async () => smtp.to(zh.user.email)[0], 15_000, 'the zh-CN e-mail');
    const enMail = await eventually(async () => smtp.to(en.user.email)[0], 15_000, 'the en e-mail');
    expect(zhMail.mail.subject).toBe(`请补正调解申请 · ${zhCase.number}`);
    expect(zhMail.mail.text).toContain(`案件 ${zhCase.number}`);
    expect(zhMail.mail.text).toContain('理由：请补充专利登记簿副本');
    expect(zhMail.mail.text).toMatch(/截止时间：\d{4}年\d{1,2}月\d{1,2}日 24:00（北京时间）/);
    expect(zhMail.mail.text).toContain(`/cases/${zhCase.id}`);
    expect(enMail.mail.subject).toBe(`Please correct your application · ${enCase.number}`);
    expect(enMail.mail.text).toContain('Reason: Attach the patent register extract');
    expect(enMail.mail.text).toMatch(/Deadline: end of \d{1,2} [A-Z][a-z]+ \d{4} \(Beijing time\)/);

    // The inbox: newest first, in the recipient's language, unread until read.
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', zh.bearer).expect(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ template: 'request_correction', caseId: zhCase.id, language: 'zh-CN', readAt: null, title: `请补正调解申请 · ${zhCase.number}` });
    expect((await t.http.get('/api/v1/notifications/unread-count').set('Authorization', zh.bearer).expect(200)).body).toEqual({ unread: 1 });
    const read = await t.http.post(`/api/v1/notifications/${inbox.body.items[0].id}/read`).set('Authorization', zh.bearer).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await t.http.get('/api/v1/notifications/unread-count').set('Authorization', zh.bearer).expect(200)).body).toEqual({ unread: 0 });
    // Someone else's notification is not found, as if it did not exist.
    await t.http.post(`/api/v1/notifications/${inbox.body.items[0].id}/read`).set('Authorization', en.bearer).expect(404);

    // Every channel's hand-over is recorded: the e-mail's Message-ID is the one the server got.
    const deliveries = await eventually(
      async () => {
        const rows = await deliveriesOf(inbox.body.items[0].id);
        return rows.filter((d) => d.status === 'delivered').length === 3 ? rows : undefined;
      },
      15_000,
      'three delivered channels',
    );
    expect(deliveries.map((d) => [d.channel, d.status, d.attempt])).toEqual([
      ['email', 'delivered', 1],
      ['in_app', 'delivered', 1],
      ['sms', 'delivered', 1],
    ]);
    expect(deliveries[0].providerMessageId).toBe(zhMail.mail.messageId);
    expect(deliveries[0].address).toBe(zh.user.email);
    expect(deliveries[0].providerResponse).toMatch(/^250 /);
    expect(deliveries[2].providerMessageId).toMatch(/^log-/);
    const admin = await t.http.get(`/api/v1/admin/notifications/${inbox.body.items[0].id}/deliveries`).set('Authorization', intake.bearer).expect(200);
    expect(admin.body.items.map((d: { channel: string }) => d.channel)).toEqual(['email', 'in_app', 'sms']);
    await t.http.get(`/api/v1/admin/notifications/${inbox.body.items[0].id}/deliveries`).set('Authorization', zh.bearer).expect(403);

    // BullMQ delivers at least once: the same delivery job run again sends nothing and records nothing.
    const again = await t.app
      .get(JobQueue)
      .add(JobName.DeliverNotification, { notificationId: inbox.body.items[0].id, channel: 'email' }, { jobId: `again-${inbox.body.items[0].id}` });
    const result = await eventually(
      async () => ((await again.getState()) === 'completed' ? (await t.app.get(JobQueue).getJob(JobName.DeliverNotification, again.id!))!.returnvalue : undefined),
      10_000,
      'the repeated job',
    );
    expect(result).toEqual({ skipped: 'already delivered' });
    expect(smtp.to(zh.user.email)).toHaveLength(1);
    expect(await deliveriesOf(inbox.body.items[0].id)).toHaveLength(3);
  });

  it('a disabled account on a case is not notified; an active one is', async () => {
    const active = await signedInUser(t);
    const disabled = await signedInUser(t);
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
    const activeCase = await caseInState(t, { status: CaseStatus.Submitted, createdBy: active.user.id, applicantUserId: active.user.id });
    const disabledCase = await caseInState(t, { status: CaseStatus.Submitted, createdBy: disabled.user.id, applicantUserId: disabled.user.id });
    await requestCorrection(activeCase.id, 'Attach the patent register extract');
    await requestCorrection(disabledCase.id, 'Attach the patent register extract');
    const notified = (userId: string) => t.db.getRepository(Notification).countBy({ userId });
    expect(await notified(active.user.id)).toBe(1);
    expect(await notified(disabled.user.id)).toBe(0);
  });

  it('pages the inbox newest first with a cursor', async () => {
    const person = await signedInUser(t, { language: Language.En });
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await caseInState(t, { status: CaseStatus.Submitted, createdBy: person.user.id, applicantUserId: person.user.id }));
    for (const c of cases) await requestCorrection(c.id, `fix ${c.number}`);
    const first = await t.http.get('/api/v1/notifications?limit=2').set('Authorization', person.bearer).expect(200);
    expect(first.body.items.map((n: { caseId: string }) => n.caseId)).toEqual([cases[2].id, cases[1].id]);
    const second = await t.http.get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', person.bearer).expect(200);
    expect(second.body.items.map((n: { caseId: string }) => n.caseId)).toEqual([cases[0].id]);
    expect(second.body.nextCursor).toBeNull();
    await t.http.get('/api/v1/notifications?cursor=not-a-cursor').set('Authorization', person.bearer).expect(400);
  });

  it('a recipient the SMTP server refuses (550): no retries, a failure admins can list, and the in-app notification still arrives', async () => {
    const person = await signedInUser(t, { language: Language.En });
    smtp.setPolicy((address) => (address === person.user.email ? { code: 550, message: 'Mailbox unavailable' } : undefined));
    const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: person.user.id, applicantUserId: person.user.id });
    await requestCorrection(c.id, 'Missing evidence');
    const notification = await t.db.getRepository(Notification).findOneByOrFail({ userId: person.user.id });
    const failed = await eventually(
      async () => {
        const rows = await deliveriesOf(notification.id);
        return rows.some((d) => d.channel === 'email' && d.status === 'failed') && rows.some((d) => d.channel === 'in_app' && d.status === 'delivered') ? rows : undefined;
      },
      15_000,
      'the refused e-mail and the in-app delivery',
    );
    // The e-mail job has failed for good (a job that will be retried waits instead).
    expect(await jobsSettled(t, JobName.DeliverNotification, { notificationId: notification.id, channel: 'email' })).toBe(1);
    const emails = (await deliveriesOf(notification.id)).filter((d) => d.channel === 'email');
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ status: 'failed', permanent: true, willRetry: false, address: person.user.email });
    expect(emails[0].error).toMatch(/550/);
    expect(failed.find((d) => d.channel === 'in_app')?.status).toBe('delivered');
    expect(smtp.to(person.user.email)).toHaveLength(0);

    const list = await t.http.get('/api/v1/admin/notifications/failed-deliveries?limit=100').set('Authorization', intake.bearer).expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ notificationId: notification.id, channel: 'email', permanent: true, userId: person.user.id, template: 'request_correction', caseId: c.id }),
    );
    await t.http.get('/api/v1/admin/notifications/failed-deliveries').set('Authorization', person.bearer).expect(403);
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', person.bearer).expect(200);
    expect(inbox.body.items.map((n: { id: string }) => n.id)).toEqual([notification.id]);
  });

  it('a greylisting server (451 twice) gets the e-mail on the third attempt, once', async () => {
    const person = await signedInUser(t, { language: Language.ZhCN });
    let refusals = 0;
    smtp.setPolicy((address) => (address === person.user.email && refusals++ < 2 ? { code: 451, message: 'Greylisted, try again later' } : undefined));
    const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: person.user.id, applicantUserId: person.user.id });
    await requestCorrection(c.id, '请补充证据');
    const notification = await t.db.getRepository(Notification).findOneByOrFail({ userId: person.user.id });
    const emails = await eventually(
      async () => {
        const rows = (await deliveriesOf(notification.id)).filter((d) => d.channel === 'email');
        return rows.some((d) => d.status === 'delivered') ? rows : undefined;
      },
      15_000,
      'the e-mail after retries',
    );
    expect(emails.map((d) => [d.attempt, d.status, d.permanent, d.willRetry])).toEqual([
      [1, 'failed', false, true],
      [2, 'failed', false, true],
      [3, 'delivered', null, null],
    ]);
    expect(emails[0].error).toMatch(/451/);
    // The backoff spaced the attempts out.
    expect(emails[1].startedAt.getTime() - emails[0].finishedAt!.getTime()).toBeGreaterThanOrEqual(50);
    expect(smtp.to(person.user.email)).toHaveLength(1);
    expect(smtp.to(person.user.email)[0].mail.subject).toBe(`请补正调解申请 · ${c.number}`);
  });
  // Last in this file: passport keeps its strategies in one process-wide registry, so the second
  // app's strategies serve both apps' sign-ins from here on, and they stop when it closes.
  it('one transaction notifying several people is pushed by the relay itself from one outbox row, and each notification is recorded once, even when a job runs it again', async () => {
    const people = await Promise.all([1, 2, 3].map(() => signedInUser(t, { language: Language.En })));
    const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: people[0].user.id, applicantUserId: people[0].user.id });
    const ids = await t.db.transaction((tx) =>
      t.app.get(Notifier).notify(tx, { userIds: people.map((p) => p.user.id), template: CaseEvent.RequestCorrection, data: { caseNumber: c.number, reason: 'x' }, caseId: c.id }),
    );
    expect(ids).toHaveLength(3);
    const pushJobs = (await t.db.query(`SELECT id, data FROM outbox WHERE job = $1 AND data->'notificationIds' ?| $2::text[]`, [JobName.PushInApp, ids])) as {
      id: string;
      data: { notificationIds: string[] };
    }[];
    expect(pushJobs).toHaveLength(1);
    expect([...pushJobs[0].data.notificationIds].sort()).toEqual([...ids].sort());
    // E-mail keeps a job per notification: its attempts are the proof electronic service relies on.
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job = $1 AND data->>'channel' = 'email' AND data->>'notificationId' = ANY($2::text[])`, [
          JobName.DeliverNotification,
          ids,
        ])
      )[0].n,
    ).toBe(3);
    expect(await jobsSettled(t, JobName.PushInApp, { notificationIds: ids })).toBe(1);
    const inApp = async () =>
      (await t.db.getRepository(NotificationDelivery).find({ where: ids.map((notificationId) => ({ notificationId, channel: 'in_app' as const })) })).map((d) => [
        d.notificationId,
        d.attempt,
        d.status,
        d.address,
        d.providerResponse,
      ]);
    const recorded = await inApp();
    const made = await t.db.getRepository(Notification).find({ where: ids.map((id) => ({ id })) });
    expect(made.map((n) => n.userId).sort()).toEqual(people.map((p) => p.user.id).sort());
    expect(recorded.sort()).toEqual(made.map((n) => [n.id, 1, 'delivered', n.userId, 'in the inbox; pushed live to 0 API instance(s)']).sort());
    // The relay pushed the row itself: no job was queued for it, and the records name the row.
    expect(await t.app.get(JobQueue).getJob(JobName.PushInApp, pushJobs[0].id)).toBeUndefined();
    const jobIds = (await t.db.getRepository(NotificationDelivery).find({ where: ids.map((notificationId) => ({ notificationId, channel: 'in_app' as const })) })).map(
      (d) => d.jobId,
    );
    expect(jobIds).toEqual(ids.map(() => pushJobs[0].id));

    // BullMQ delivers at least once: the same push run again pushes and records nothing.
    const again = await t.app.get(JobQueue).add(JobName.PushInApp, { notificationIds: ids }, { jobId: `again-${ids[0]}` });
    const result = await eventually(
      async () => ((await again.getState()) === 'completed' ? (await t.app.get(JobQueue).getJob(JobName.PushInApp, again.id!))!.returnvalue : undefined),
      10_000,
      'the repeated job',
    );
    expect(result).toEqual({ pushed: 0 });
    expect((await inApp()).sort()).toEqual(recorded.sort());
  });

  it('a live push the relay could not make goes to the queue as a job, which pushes it: the failed attempt and the delivered one on record', async () => {
    const person = await signedInUser(t, { language: Language.En });
    const publish = jest.spyOn(t.app.get(NotificationPush), 'publish').mockRejectedValueOnce(new Error('Redis refused the publish'));
    try {
      const [id] = await t.db.transaction((tx) =>
        t.app.get(Notifier).notify(tx, { userIds: [person.user.id], template: CaseEvent.RequestCorrection, data: { reason: 'x' }, channels: ['in_app'] }),
      );
      const [row] = (await t.db.query(`SELECT id FROM outbox WHERE job = $1 AND data->'notificationIds' ? $2`, [JobName.PushInApp, id])) as { id: string }[];
      const attempts = async () =>
        (await t.db.getRepository(NotificationDelivery).find({ where: { notificationId: id, channel: 'in_app' }, order: { attempt: 'ASC' } })).map((d) => [
          d.attempt,
          d.status,
          d.error,
          d.willRetry,
          d.jobId,
        ]);
      await eventually(async () => (await attempts()).length === 2 || undefined, 10_000, 'the retried push');
      expect(await attempts()).toEqual([
        [1, 'failed', 'Redis refused the publish', true, row.id],
        [2, 'delivered', null, null, row.id],
      ]);
      expect(await jobsSettled(t, JobName.PushInApp, { notificationIds: [id] })).toBe(1);
      // Pushed by the job the relay queued in its stead, not by a later pass of the relay.
      expect(await (await t.app.get(JobQueue).getJob(JobName.PushInApp, row.id))?.getState()).toBe('completed');
    } finally {
      publish.mockRestore();
    }
  });

  it('a recipient who no longer has the address a delivery needs: one permanent failure on record, no retry', async () => {
    const person = await signedInUser(t, { language: Language.En });
    const [id] = await t.db.transaction((tx) =>
      t.app.get(Notifier).notify(tx, { userIds: [person.user.id], template: CaseEvent.RequestCorrection, data: { reason: 'x' }, channels: ['in_app'] }),
    );
    await t.db.query('UPDATE users SET phone = NULL WHERE id = $1', [person.user.id]);
    const job = await t.app.get(JobQueue).add(JobName.DeliverNotification, { notificationId: id, channel: 'sms' }, { jobId: `no-phone-${id}` });
    await eventually(async () => ((await job.getState()) === 'failed' ? true : undefined), 10_000, 'the job to fail for good');
    const sms = (await deliveriesOf(id)).filter((d) => d.channel === 'sms');
    expect(sms).toEqual([
      expect.objectContaining({ attempt: 1, status: 'failed', permanent: true, willRetry: false, address: '', error: 'the recipient has no phone number any more' }),
    ]);
    expect(sms[0].finishedAt).not.toBeNull();
  });

  it('pushes a notification live over SSE to a client connected to another API instance, through Redis', async () => {
    // A second API instance without workers: the push must cross from the worker of the first through Redis.
    const other = await createTestApp({ runWorkers: false, env: { ...FAST, SMTP_URL: smtp.url, QUEUE_PREFIX: prefix } });
    const server = other.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/notifications`;
    try {
      const person = await signedInUser(other, { language: Language.En });
      const c = await caseInState(t, { status: CaseStatus.Submitted, createdBy: person.user.id, applicantUserId: person.user.id });

      // EventSource cannot send a header: a one-time ticket opens the stream.
      const ticket = (await other.http.post('/api/v1/notifications/stream-tickets').set('Authorization', person.bearer).expect(201)).body;
      expect(ticket.expiresIn).toBe(60);
      const stream = await openStream(`${base}/stream?ticket=${ticket.ticket}`);
      expect(stream.status).toBe(200);
      try {
        await eventually(async () => stream.events.find((e) => e.event === 'ready'), 5_000, 'the ready event');
        expect(stream.events[0].data).toEqual({ unread: 0 });
        await requestCorrection(c.id, 'Sign the power of attorney');
        const pushed = await eventually(async () => stream.events.find((e) => e.event === 'notification'), 15_000, 'the pushed notification');
        expect(pushed.data).toMatchObject({ template: 'request_correction', caseId: c.id, title: `Please correct your application · ${c.number}` });
        expect(pushed.data.text).toContain('Sign the power of attorney');
      } finally {
        stream.close();
      }
      // The ticket worked once; a bad or missing credential is refused before any stream opens.
      expect((await openStream(`${base}/stream?ticket=${ticket.ticket}`)).status).toBe(401);
      expect((await openStream(`${base}/stream`)).status).toBe(401);
      // A bearer header works for clients that can send one.
      const withHeader = await openStream(`${base}/stream`, { authorization: person.bearer });
      expect(withHeader.status).toBe(200);
      await eventually(async () => withHeader.events.find((e) => e.event === 'ready'), 5_000, 'the ready event');
      expect(withHeader.events[0].data).toEqual({ unread: 1 });
      withHeader.close();
    } finally {
      await new Promise((r) => setTimeout(r, 50));
      await other.close();
    }
  });
});
