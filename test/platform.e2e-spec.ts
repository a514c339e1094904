import { GlobalRole } from '../src/auth/roles';
import { TRANSITIONS } from '../src/cases/lifecycle/case-lifecycle';
import { parseEffect } from '../src/cases/lifecycle/transition-effects';
import { EFFECT_LEGEND } from '../src/cases/lifecycle/lifecycle-diagram';
import { TransitionEffects } from '../src/cases/transition-effects.service';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('platform foundation (HTTP, problem+json, queues, health)', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is ready when PostgreSQL, Redis and a worker for every queue are up', async () => {
    const res = await t.http.get('/api/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
    expect(res.body.details.queueWorkers.status).toBe('up');
    expect(Object.values(res.body.details.queueWorkers.workers).every((n) => (n as number) >= 1)).toBe(true);
  });

  it('started with exactly one handler for every effect the lifecycle table names, and none it does not', () => {
    const named = new Set(TRANSITIONS.flatMap((t) => t.effects.map((e) => parseEffect(e).handler)));
    const registered = t.app.get(TransitionEffects).registered();
    expect([...registered].sort()).toEqual([...named].sort());
  });

  it('marks in docs/lifecycle.md exactly the effects that prepare documents before the transaction', () => {
    const marked = Object.entries(EFFECT_LEGEND)
      .filter(([, meaning]) => meaning.startsWith('◆'))
      .map(([handler]) => handler);
    expect([...t.app.get(TransitionEffects).prepared()].sort()).toEqual(marked.sort());
    expect(marked.length).toBeGreaterThan(0);
  });

  it('answers liveness without touching dependencies', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok' });
  });

  it('runs a system.ping job through Redis and a worker, and shows its result', async () => {
    const accepted = await t.http.post('/api/v1/system/ping').set('Authorization', admin.bearer).send({ message: 'hello, mediator' }).expect(202);
    const jobId = accepted.body.jobId as string;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await eventually(
      async () => {
        const res = await t.http.get(`/api/v1/system/ping/${jobId}`).set('Authorization', admin.bearer).expect(200);
        return res.body.state === 'completed' ? res.body : undefined;
      },
      10_000,
      'the ping job to complete',
    );
    expect(done.result.echo).toBe('hello, mediator');
    expect(done.result.handledBy).toBe(`${require('node:os').hostname()}:${process.pid}`);
    expect(Date.parse(done.result.handledAt)).not.toBeNaN();
  });

  it('refuses an invalid body with a 400 problem listing every field and rule', async () => {
    const res = await t.http
      .post('/api/v1/system/ping')
      .set('Authorization', admin.bearer)
      .send({ message: 42, delayMs: -5, surprise: true })
      .expect(400)
      .expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:accord:problem:validation-failed',
      status: 400,
      instance: '/api/v1/system/ping',
    });
    const fields = (res.body.errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`).sort();
    expect(fields).toEqual(['delayMs:min', 'message:isString', 'message:maxLength', 'surprise:whitelistValidation']);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const res = await t.http
      .post('/api/v1/system/ping')
      .set('Authorization', admin.bearer)
      .set('Content-Type', 'application/json')
      .send('{"message": ')
      .expect(400)
      .expect('Content-Type', /application\/problem\+json/);
    expect(res.body.status).toBe(400);
  });

  it('refuses the ping without a token (401) and to a non-admin (403)', async () => {
    const anonymous = await t.http.post('/api/v1/system/ping').send({ message: 'x' }).expect(401);
    expect(anonymous.body.type).toBe('urn:accord:problem:unauthenticated');
    const party = await signedInUser(t, { roles: [GlobalRole.Party] });
    const forbidden = await t.http.post('/api/v1/system/ping').set('Authorization', party.bearer).send({ message: 'x' }).expect(403);
    expect(forbidden.body.type).toBe('urn:accord:problem:forbidden');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http
      .get('/api/v1/no-such-thing')
      .set('Authorization', admin.bearer)
      .expect(404)
      .expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:accord:problem:not-found', status: 404, instance: '/api/v1/no-such-thing' });
  });

  it('answers an unknown job id with a 404 problem and a malformed one with a 400', async () => {
    await t.http.get('/api/v1/system/ping/7d8c4c4e-7f55-4a55-9a3c-2b8c1e0a0d11').set('Authorization', admin.bearer).expect(404);
    const bad = await t.http.get('/api/v1/system/ping/not-a-uuid').set('Authorization', admin.bearer).expect(400);
    expect(bad.body.type).toBe('urn:accord:problem:validation-failed');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http.get('/api/health').set('X-Request-Id', 'trace-abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    const made = await t.http.get('/api/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI document with the endpoints and their error responses', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/health/ready', '/api/v1/system/ping', '/api/v1/system/ping/{jobId}']));
    expect(Object.keys(res.body.paths['/api/v1/system/ping'].post.responses)).toEqual(expect.arrayContaining(['202', '400']));
    await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
  });
});
