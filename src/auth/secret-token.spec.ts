import { randomUUID } from 'node:crypto';
import { newSecretToken, parseSecretToken, secretMatches } from './secret-token';

describe('secret tokens', () => {
  it('round-trips and matches only its own secret', () => {
    const id = randomUUID();
    const { token, hash } = newSecretToken(id);
    const parsed = parseSecretToken(token)!;
    expect(parsed.id).toBe(id);
    expect(secretMatches(parsed.secret, hash)).toBe(true);
    expect(secretMatches(newSecretToken(id).token.split('.')[1], hash)).toBe(false);
    expect(hash).not.toContain(parsed.secret);
  });

  it('rejects malformed tokens', () => {
    expect(parseSecretToken('nope')).toBeUndefined();
    expect(parseSecretToken(`${randomUUID()}.short`)).toBeUndefined();
    // 36 characters of the UUID alphabet, but not a UUID: the database would refuse it as an id.
    expect(parseSecretToken(`${'-'.repeat(36)}.${'a'.repeat(43)}`)).toBeUndefined();
  });
});
