import { signServiceLink, verifyServiceLink } from './service-link';

const secret = 'a-secret-a-secret-a-secret-a-secret';
const payload = { serviceId: '6f1c0c1e-0000-4000-8000-000000000001', userId: '6f1c0c1e-0000-4000-8000-000000000002', expiresAt: 2_000_000_000 };

describe('service links', () => {
  it('verifies what it signed, until it expires', () => {
    const token = signServiceLink(secret, payload);
    expect(verifyServiceLink(secret, token, 1_900_000_000_000)).toEqual({ ok: true, payload });
    expect(verifyServiceLink(secret, token, 2_000_000_000_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a tampered payload, a foreign secret and garbage', () => {
    const token = signServiceLink(secret, payload);
    const [, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ s: payload.serviceId, u: 'someone-else', e: payload.expiresAt })).toString('base64url');
    expect(verifyServiceLink(secret, `${forged}.${sig}`, 0)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyServiceLink('another-secret-another-secret-12345', token, 0)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyServiceLink(secret, 'nonsense', 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyServiceLink(secret, `${token}.x`, 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});
