/**
 * E.164: "+", a country code that does not start with 0, at most 15 digits in all, nothing
 * else (no spaces, dashes or trunk prefixes). Numbers are stored in this form, so anything
 * else reaching the SMS sender is a bug upstream, refused rather than guessed at. The shortest
 * numbers in use have 7 digits with their country code (e.g. Niue, +683 4002).
 */
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164PhoneNumber(value: string): boolean {
  return typeof value === 'string' && E164.test(value);
}
