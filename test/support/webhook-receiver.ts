import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  /** The receiver's answer to this request. */
  answered: number;
  signature: string;
  eventId: string;
  body: string;
  json: { id: string; type: string; sequence: number; case: { id: string; version: number; status: string } };
}

/**
 * A court system's receiver on loopback (node:http): records every request, answers 500 to the
 * first `failFirst` of them (a receiver that is down, then recovers), 204 afterwards.
 */
export async function startWebhookReceiver(options: { failFirst?: number } = {}) {
  const requests: ReceivedWebhook[] = [];
  let failing = options.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = failing > 0 ? 500 : 204;
      if (failing > 0) failing--;
      requests.push({
        answered,
        signature: String(req.headers['accord-signature'] ?? ''),
        eventId: String(req.headers['accord-event-id'] ?? ''),
        body,
        json: JSON.parse(body) as ReceivedWebhook['json'],
      });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/accord-webhooks`,
    /** Every request, failed ones included, in arrival order. */
    requests,
    /** The requests answered 2xx, in arrival order. */
    received: () => requests.filter((r) => r.answered < 300),
    failNext: (n: number) => {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What the README tells a receiver to do, written here independently of the platform's code:
 * HMAC-SHA256 of `t + "." + body` under the secret, equal to one of the header's v1 values.
 */
export function signedWith(header: string, body: string, secret: string): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = parts.find(([k]) => k === 't')?.[1];
  if (!t) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts.filter(([k]) => k === 'v1').some(([, v]) => v.length === 64 && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
