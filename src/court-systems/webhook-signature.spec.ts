import { createHmac } from 'node:crypto';
import { newWebhookSecret, parseSignatureHeader, signatureHeader, verifyWebhookSignature, webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"e1","type":"accepted","sequence":1}';
  const t = 1_796_000_000;

  it('is the hex HMAC-SHA256 of "timestamp.body" under the secret', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`${t}.${body}`).digest('hex');
    expect(webhookSignature('whsec_test', t, body)).toBe(expected);
    // A known value, so that a receiver in another language can check its own implementation.
    expect(webhookSignature('whsec_test', 1_700_000_000, '{}')).toBe(createHmac('sha256', 'whsec_test').update('1700000000.{}').digest('hex'));
  });

  it('carries one v1 per signing secret, the current first, and each verifies', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    expect(current).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const header = signatureHeader([current, previous], t, body);
    expect(header).toBe(`t=${t},v1=${webhookSignature(current, t, body)},v1=${webhookSignature(previous, t, body)}`);
    expect(parseSignatureHeader(header)).toEqual({ timestamp: t, v1: [webhookSignature(current, t, body), webhookSignature(previous, t, body)] });
    expect(verifyWebhookSignature(header, body, current, t)).toBe(true);
    expect(verifyWebhookSignature(header, body, previous, t + 60)).toBe(true);
    expect(verifyWebhookSignature(header, body, newWebhookSecret(), t)).toBe(false);
    expect(() => signatureHeader([], t, body)).toThrow();
  });

  it('fails for a changed body, a changed timestamp, an old capture, or a malformed header', () => {
    const secret = newWebhookSecret();
    const header = signatureHeader([secret], t, body);
    expect(verifyWebhookSignature(header, body.replace('accepted', 'settled'), secret, t)).toBe(false);
    expect(verifyWebhookSignature(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, t)).toBe(false);
    expect(verifyWebhookSignature(header, body, secret, t + 301)).toBe(false);
    expect(verifyWebhookSignature(header, body, secret, t + 300)).toBe(true);
    expect(verifyWebhookSignature('v1=abc', body, secret, t)).toBe(false);
    expect(parseSignatureHeader(`t=${t}`)).toBeUndefined();
    expect(parseSignatureHeader('garbage')).toBeUndefined();
  });
});
