import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A signed, single-recipient, expiring link to one served document: `payload.signature`, both
 * base64url; the payload names the service, the one person it is for and the expiry. Nothing is
 * stored: the same inputs sign to the same token, so an e-mail retried renders the same link.
 */
/**
 * The user a link is for when its recipient has no account: whoever holds the link, which only
 * reached the party's own address for service.
 */
export const ANY_HOLDER = '-';

export interface ServiceLinkPayload {
  serviceId: string;
  userId: string;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}

export type LinkCheck = { ok: true; payload: ServiceLinkPayload } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const sign = (secret: string, body: string): string => createHmac('sha256', `accord:service-link:${secret}`).update(body).digest('base64url');

export function signServiceLink(secret: string, p: ServiceLinkPayload): string {
  const body = Buffer.from(JSON.stringify({ s: p.serviceId, u: p.userId, e: p.expiresAt })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyServiceLink(secret: string, token: string, nowMs: number): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let parsed: { s?: unknown; u?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.s !== 'string' || typeof parsed.u !== 'string' || typeof parsed.e !== 'number') return { ok: false, reason: 'malformed' };
  if (parsed.e * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { serviceId: parsed.s, userId: parsed.u, expiresAt: parsed.e } };
}
