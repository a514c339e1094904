import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  rcptTo: string[];
  mail: ParsedMail;
}

/** What the server answers to RCPT TO for an address: accept (undefined) or an SMTP error. */
export type RecipientPolicy = (address: string) => { code: number; message: string } | undefined;

/**
 * A real SMTP server on a free loopback port (as in src/infrastructure/mail/*.spec.ts); every
 * accepted message is parsed with mailparser. `policy` decides per recipient; `delayMs` holds
 * each message before answering, so a test can stop a worker while mail is in flight. It counts
 * the connections made and those still open.
 */
export async function startSmtpServer(options: { policy?: RecipientPolicy; delayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  let policy: RecipientPolicy = options.policy ?? (() => undefined);
  // Connections made and still open, to see that the sender reuses them (a pool) and closes them.
  let connections = 0;
  let open = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the built-in test certificate would fail nodemailer's TLS check.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onConnect: (_session, callback) => {
      connections++;
      open++;
      callback();
    },
    onClose: () => {
      open--;
    },
    onRcptTo: (address, _session, callback) => {
      const refusal = policy(address.address);
      callback(refusal ? Object.assign(new Error(refusal.message), { responseCode: refusal.code }) : undefined);
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        async (mail) => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A client that dies mid-conversation (a worker a test kills) resets its socket; smtp-server
  // re-emits that on the server, and an unheard 'error' would take the whole test file down.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    setPolicy: (next: RecipientPolicy) => (policy = next),
    /** SMTP connections made so far. */
    connections: () => connections,
    /** SMTP connections open now. */
    openConnections: () => open,
    to: (address: string) => received.filter((r) => r.rcptTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The API path of the signed service link in the last e-mail to `address` (PUBLIC_URL
 * https://accord.test). The e-mail links to the web app's landing page `/served/{token}`; the
 * same token opens the PDF at `/api/v1/service-links/{token}`.
 */
export function serviceLinkIn(smtp: { to(address: string): ReceivedMail[] }, address: string): string {
  const mail = smtp.to(address).at(-1);
  const match = /https:\/\/accord\.test\/served\/([A-Za-z0-9_\-.]+)/.exec(mail?.mail.text ?? '');
  if (!match) throw new Error(`no service link in ${mail?.mail.text}`);
  return `/api/v1/service-links/${match[1]}`;
}
