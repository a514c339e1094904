import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSmsSender } from './http-sms-sender';
import { InvalidPhoneNumberError, SmsDeliveryError } from './sms-delivery.error';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on a free loopback port standing in for the SMS provider's API. */
async function startProvider(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
  return {
    seen,
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

async function failureOf(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  return error as SmsDeliveryError;
}

describe('HttpSmsSender (against a local HTTP server)', () => {
  let provider: Awaited<ReturnType<typeof startProvider>> | undefined;
  afterEach(async () => {
    await provider?.close();
    provider = undefined;
  });
  const senderFor = (url: string, timeoutMs = 2_000) => new HttpSmsSender({ url, key: 'sk_test_123', timeoutMs });

  it('posts { to, text } as JSON with the bearer key and returns the provider id', async () => {
    provider = await startProvider((_req, res) => json(res, 202, { id: 'msg_8f2c', status: 'queued' }));
    const before = Date.now();
    const receipt = await senderFor(provider.url).send({
      to: '+8613800138000',
      text: '【Accord】您的验证码是 482913，10 分钟内有效。',
      idempotencyKey: 'job-42',
    });

    expect(receipt.providerMessageId).toBe('msg_8f2c');
    expect(receipt.acceptedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(receipt.acceptedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(provider.seen).toHaveLength(1);
    const request = provider.seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/messages');
    expect(request.headers.authorization).toBe('Bearer sk_test_123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe('job-42');
    expect(JSON.parse(request.body)).toEqual({ to: '+8613800138000', text: '【Accord】您的验证码是 482913，10 分钟内有效。' });
  });

  it("treats a 400 as permanent and keeps the provider's explanation", async () => {
    provider = await startProvider((_req, res) => json(res, 400, { error: 'number is not mobile' }));
    const error = await failureOf(senderFor(provider.url).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(true);
    expect(error.status).toBe(400);
    expect(error.message).toContain('number is not mobile');
  });

  it('treats a 503 as temporary', async () => {
    provider = await startProvider((_req, res) => json(res, 503, { error: 'maintenance' }));
    const error = await failureOf(senderFor(provider.url).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(false);
    expect(error.status).toBe(503);
  });

  it('treats 429 (rate limited) as temporary although it is a 4xx', async () => {
    provider = await startProvider((_req, res) => json(res, 429, { error: 'slow down' }));
    const error = await failureOf(senderFor(provider.url).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(false);
    expect(error.status).toBe(429);
  });

  it('treats a 2xx without an id as permanent, so a retry cannot text the person twice', async () => {
    provider = await startProvider((_req, res) => json(res, 200, { ok: true }));
    const error = await failureOf(senderFor(provider.url).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(true);
    expect(error.status).toBe(200);
  });

  it('gives up after the timeout, as a temporary failure', async () => {
    provider = await startProvider(() => undefined); // never answers
    const started = Date.now();
    const error = await failureOf(senderFor(provider.url, 300).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('treats a refused connection as temporary', async () => {
    provider = await startProvider((_req, res) => json(res, 200, { id: 'x' }));
    const url = provider.url;
    await provider.close();
    provider = undefined;
    const error = await failureOf(senderFor(url).send({ to: '+8613800138000', text: 'hi' }));
    expect(error.permanent).toBe(false);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each(['13800138000', '+86 138 0013 8000', '+0861380013800', ''])('refuses %j before sending anything', async (to) => {
    provider = await startProvider((_req, res) => json(res, 200, { id: 'x' }));
    const error = await failureOf(senderFor(provider.url).send({ to, text: 'hi' }));
    expect(error).toBeInstanceOf(InvalidPhoneNumberError);
    expect(error.permanent).toBe(true);
    expect(provider.seen).toEqual([]);
  });

  it('refuses an empty text before sending anything', async () => {
    provider = await startProvider((_req, res) => json(res, 200, { id: 'x' }));
    const error = await failureOf(senderFor(provider.url).send({ to: '+8613800138000', text: '  ' }));
    expect(error.permanent).toBe(true);
    expect(provider.seen).toEqual([]);
  });
});
