import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { addressProblem, webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url';

export interface WebhookAnswer {
  /** The receiver's HTTP status; null when none came (refused, unreachable, timed out). */
  statusCode: number | null;
  /** Why the attempt failed; null for a 2xx. */
  error: string | null;
  durationMs: number;
}

/**
 * Resolves like the system resolver, then refuses a name that resolves to an address a webhook
 * may not reach (webhook-url.ts). The connection goes to the address checked here, so a name
 * that answers a public address to a first lookup and a private one to the next (DNS rebinding)
 * gains nothing.
 */
export function guardedLookup(policy: WebhookUrlPolicy): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = addresses.map((a) => addressProblem(a.address, policy)).find(Boolean);
      if (refused) return callback(new Error(`${hostname} resolves to an address webhooks may not reach: ${refused}`));
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/** POSTs one webhook: no redirects followed, the answer's body read and dropped, WEBHOOK_TIMEOUT_MS at most. */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: ConfigService<Environment, true>) {}

  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookAnswer> {
    const policy = { allowHttpLoopback: this.config.get('WEBHOOK_ALLOW_HTTP_LOOPBACK', { infer: true }) };
    // Checked again at each attempt: the configuration may have changed since the subscription.
    const problem = webhookUrlProblem(url, policy);
    if (problem) return Promise.resolve({ statusCode: null, error: `refused: ${problem}`, durationMs: 0 });
    const timeoutMs = this.config.get('WEBHOOK_TIMEOUT_MS', { infer: true });
    const target = new URL(url);
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (answer: Omit<WebhookAnswer, 'durationMs'>): void => {
        if (settled) return;
        settled = true;
        resolve({ ...answer, durationMs: elapsed() });
      };
      const request = (target.protocol === 'https:' ? https : http).request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Accord-Webhooks/1' },
          lookup: guardedLookup(policy),
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          const status = response.statusCode ?? null;
          response.on('error', (error) => finish({ statusCode: status, error: error.message }));
          response.on('end', () => finish({ statusCode: status, error: status !== null && status >= 200 && status < 300 ? null : `the receiver answered HTTP ${status}` }));
          response.resume();
        },
      );
      request.on('error', (error: Error) =>
        finish({ statusCode: null, error: error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message }),
      );
      request.end(body);
    });
  }
}
