import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage';
import { MailSender } from '../src/infrastructure/mail/mail-sender.service';
import { ObjectStorage } from '../src/infrastructure/storage/object-storage';
import { ObjectAlreadyExistsError } from '../src/infrastructure/storage/object-storage.errors';
import { LogSmsSender } from '../src/infrastructure/sms/log-sms-sender';
import { SmsSender } from '../src/infrastructure/sms/sms-sender';
import { readAll } from './support/byte-streams';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The storage, mail and SMS adapters as the app wires them with no configuration: files under
 * DATA_DIR/files, e-mail and SMS to the log. Each driver has its own tests beside its code.
 */
describe('infrastructure adapters in the running app (default configuration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores objects as files under DATA_DIR/files and never overwrites them', async () => {
    const storage = t.app.get(ObjectStorage);
    expect(storage).toBeInstanceOf(LocalObjectStorage);
    const key = `e2e/${Date.now()}/note.txt`;
    const stored = await storage.put(key, Readable.from([Buffer.from('调解笔录')]), { contentType: 'text/plain' });

    expect(stored.size).toBe(Buffer.byteLength('调解笔录'));
    const file = join(process.env.DATA_DIR!, 'files', key);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('调解笔录');
    expect((await readAll(await storage.get(key))).toString()).toBe('调解笔录');
    await expect(storage.put(key, Readable.from([Buffer.from('changed')]), { contentType: 'text/plain' })).rejects.toThrow(ObjectAlreadyExistsError);
  });

  it('logs e-mail instead of sending it when SMTP_URL is unset', async () => {
    const mail = t.app.get(MailSender);
    expect(mail.delivers).toBe(false);
    const receipt = await mail.send({ to: 'party@example.com', subject: 'Notice', text: 'Your case was accepted.' });
    expect(receipt.accepted).toEqual(['party@example.com']);
    expect(receipt.response).toMatch(/not sent/);
  });

  it('logs text messages with the default SMS driver', async () => {
    const sms = t.app.get(SmsSender);
    expect(sms).toBeInstanceOf(LogSmsSender);
    const receipt = await sms.send({ to: '+8613800138000', text: 'Accord: 验证码 123456' });
    expect(receipt.providerMessageId).toMatch(/^log-/);
  });
});
