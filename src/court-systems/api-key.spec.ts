import { randomUUID } from 'node:crypto';
import { apiKeySecretMatches, newApiKey, parseApiKey, presentedApiKey } from './api-key';

describe('court system API keys', () => {
  it('carries its id after a visible prefix, and stores only a hash of the secret', () => {
    const id = randomUUID();
    const { key, secretHash } = newApiKey(id);
    expect(key.startsWith(`acc_${id}.`)).toBe(true);
    const parsed = parseApiKey(key)!;
    expect(parsed.keyId).toBe(id);
    expect(secretHash).not.toContain(parsed.secret);
    expect(apiKeySecretMatches(parsed.secret, secretHash)).toBe(true);
    expect(apiKeySecretMatches(`${parsed.secret.slice(0, -1)}A`, secretHash)).toBe(parsed.secret.endsWith('A'));
  });

  it('refuses anything that is not a key', () => {
    expect(parseApiKey('Bearer x')).toBeUndefined();
    expect(parseApiKey(`acc_${randomUUID()}.short`)).toBeUndefined();
    expect(parseApiKey(newApiKey(randomUUID()).key.slice(4))).toBeUndefined();
  });

  it('reads the key from X-Api-Key or a bearer header with the prefix, never a person token', () => {
    expect(presentedApiKey({ 'x-api-key': 'acc_1' })).toBe('acc_1');
    expect(presentedApiKey({ authorization: 'Bearer acc_2' })).toBe('acc_2');
    expect(presentedApiKey({ authorization: 'Bearer eyJhbGciOi.x.y' })).toBeUndefined();
    expect(presentedApiKey({})).toBeUndefined();
  });
});
