import { Logger } from '@nestjs/common';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { isPermanentSmtpFailure, MailDeliveryError } from './mail-delivery.error';
import { MailSender } from './mail-sender.service';

const FROM = 'Accord <no-reply@accord.localhost>';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  mail: ParsedMail;
}

/** A real SMTP server on a free port of this machine; `behaviour` decides what it answers. */
async function startSmtpServer(behaviour: Partial<Pick<SMTPServerOptions, 'onRcptTo' | 'onData'>> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the built-in test certificate would fail nodemailer's TLS check.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: behaviour.onRcptTo ?? ((_address, _session, callback) => callback()),
    onData:
      behaviour.onData ??
      ((stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mail,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const smtpError = (responseCode: number, message: string): Error => Object.assign(new Error(message), { responseCode });

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function failureOf(promise: Promise<unknown>): Promise<MailDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

describe('MailSender over SMTP (real in-process SMTP server)', () => {
  let sender: MailSender | undefined;
  let server: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  afterEach(async () => {
    sender?.onApplicationShutdown();
    await server?.close();
    sender = undefined;
    server = undefined;
  });

  it('delivers to every recipient with subject, UTF-8 (Chinese) text, HTML and an attachment intact', async () => {
    server = await startSmtpServer();
    sender = new MailSender({ smtpUrl: server.url, from: FROM });
    const subject = '调解通知：案件 2026-IP-0042 已受理';
    const text = '尊敬的当事人：\n您的调解申请已受理，调解员将在三个工作日内与您联系。\nAccord 在线调解平台';

    const receipt = await sender.send({
      to: ['applicant@example.cn', 'agent@example.com'],
      subject,
      text,
      html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
      attachments: [{ filename: '受理通知书.txt', content: Buffer.from('受理通知书 / notice of acceptance', 'utf8'), contentType: 'text/plain; charset=utf-8' }],
    });

    expect(receipt.accepted).toEqual(['applicant@example.cn', 'agent@example.com']);
    expect(receipt.rejected).toEqual([]);
    expect(receipt.response).toMatch(/^250 /);
    expect(server.received).toHaveLength(1);
    const { mail, rcptTo, mailFrom } = server.received[0]!;
    expect(rcptTo).toEqual(['applicant@example.cn', 'agent@example.com']);
    expect(mailFrom).toBe('no-reply@accord.localhost');
    expect(mail.messageId).toBe(receipt.messageId);
    expect(mail.subject).toBe(subject);
    expect(mail.text?.trim()).toBe(text);
    expect(mail.html).toContain('您的调解申请已受理');
    expect(mail.from?.value).toEqual([{ address: 'no-reply@accord.localhost', name: 'Accord' }]);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((t) => t.value.map((v) => v.address))).toEqual(['applicant@example.cn', 'agent@example.com']);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('受理通知书.txt');
    expect(mail.attachments[0]!.content.toString('utf8')).toBe('受理通知书 / notice of acceptance');
  });

  it('reports recipients refused while others were accepted', async () => {
    server = await startSmtpServer({
      onRcptTo: (address, _session, callback) => callback(address.address.startsWith('gone@') ? smtpError(550, 'No such user') : null),
    });
    sender = new MailSender({ smtpUrl: server.url, from: FROM });
    const receipt = await sender.send({ to: ['gone@example.com', 'here@example.com'], subject: 's', text: 't' });
    expect(receipt.accepted).toEqual(['here@example.com']);
    expect(receipt.rejected).toEqual(['gone@example.com']);
    expect(server.received[0]!.rcptTo).toEqual(['here@example.com']);
  });

  it('turns a 550 to RCPT TO into a permanent failure', async () => {
    server = await startSmtpServer({ onRcptTo: (_a, _s, callback) => callback(smtpError(550, 'Mailbox unavailable')) });
    sender = new MailSender({ smtpUrl: server.url, from: FROM });
    const error = await failureOf(sender.send({ to: 'nobody@example.com', subject: 's', text: 't' }));
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.message).toMatch(/^Permanent e-mail failure: .*550/);
    expect(server.received).toHaveLength(0);
  });

  it('turns a 451 to RCPT TO into a temporary failure', async () => {
    server = await startSmtpServer({ onRcptTo: (_a, _s, callback) => callback(smtpError(451, 'Greylisted, try again later')) });
    sender = new MailSender({ smtpUrl: server.url, from: FROM });
    const error = await failureOf(sender.send({ to: 'someone@example.com', subject: 's', text: 't' }));
    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBe(451);
    expect(error.message).toMatch(/^Temporary e-mail failure/);
  });

  it('turns a 552 after DATA (message refused) into a permanent failure', async () => {
    server = await startSmtpServer({
      onData: (stream, _s, callback) => {
        stream.resume();
        stream.on('end', () => callback(smtpError(552, 'Message size exceeds fixed maximum message size')));
      },
    });
    sender = new MailSender({ smtpUrl: server.url, from: FROM });
    const error = await failureOf(sender.send({ to: 'someone@example.com', subject: 's', text: 't' }));
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(552);
  });

  it('treats a refused connection as temporary', async () => {
    sender = new MailSender({ smtpUrl: `smtp://127.0.0.1:${await unusedPort()}`, from: FROM });
    const error = await failureOf(sender.send({ to: 'someone@example.com', subject: 's', text: 't' }));
    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBeUndefined();
    expect((error.cause as NodeJS.ErrnoException).message).toMatch(/ECONNREFUSED/);
  });
});

describe('MailSender without SMTP_URL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes the message to the log instead of sending it, and says so in the receipt', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const sender = new MailSender({ from: FROM });
    expect(sender.delivers).toBe(false);
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('SMTP_URL is not set'));

    const receipt = await sender.send({ to: ['a@example.com', 'b@example.com'], subject: '开庭通知', text: '请于周一上午九点参加调解。' });
    expect(receipt.accepted).toEqual(['a@example.com', 'b@example.com']);
    expect(receipt.rejected).toEqual([]);
    expect(receipt.messageId).toMatch(/^<.+@.+>$/);
    expect(receipt.response).toMatch(/not sent/);
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toContain('a@example.com, b@example.com');
    expect(line).toContain('开庭通知');
    expect(line).toContain('请于周一上午九点参加调解。');
    sender.onApplicationShutdown();
  });
});

describe('isPermanentSmtpFailure', () => {
  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 554, code: 'EMESSAGE' }, true],
    [{ responseCode: 535, code: 'EAUTH' }, true],
    [{ responseCode: 503 }, false],
    [{ responseCode: 421 }, false],
    [{ responseCode: 452 }, false],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'ESOCKET' }, false],
    [{ code: 'EDNS' }, false],
    [{ code: 'EENVELOPE' }, true],
    [{ code: 'ENOAUTH' }, true],
    [{}, false],
  ])('%j → permanent: %s', (failure, permanent) => {
    expect(isPermanentSmtpFailure(failure)).toBe(permanent);
  });
});
