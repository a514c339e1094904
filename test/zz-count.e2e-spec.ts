import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { GlobalRole } from '../src/auth/roles';
import { applicationBody } from './support/case-fixtures';
import { signedInUser } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';
import { upload } from './support/case-fixtures';

describe('count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(() => t.close());
  it('counts', async () => {
    const applicant = await signedInUser(t, { roles: [GlobalRole.Party] });
    const log: string[] = [];
    const original = Client.prototype.query;
    (Client.prototype as any).query = function (this: unknown, ...args: any[]) {
      const q = args[0];
      log.push(typeof q === 'string' ? q : (q?.name ? `[${q.name}] ` : '') + (q?.text ?? JSON.stringify(q)));
      return (original as any).apply(this, args);
    };
    const mark = (s: string) => log.push(`===== ${s}`);
    for (let i = 0; i < 2; i++) {
      mark('create');
      const created = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
      mark('upload');
      await upload(t, applicant.bearer, created.body.id).expect(201);
      mark('submit');
      await t.http.post(`/api/v1/cases/${created.body.id}/transitions`).set('Authorization', applicant.bearer).send({ event: 'submit', expectedVersion: 1 }).expect(200);
      mark('end');
    }
    (Client.prototype as any).query = original;
    writeFileSync('/tmp/statements.log', log.map((l) => l.replace(/\s+/g, ' ').slice(0, 300)).join('\n'));
  });
});
