import { ACCESS_TOKEN_AUDIENCE, hasSubjectAndExpiry, isAccessToken } from './access-token';

describe('isAccessToken', () => {
  const exp = Math.floor(Date.now() / 1000) + 900;

  it('accepts a subject, the API audience and an expiry', () => {
    expect(isAccessToken({ sub: 'u1', aud: ACCESS_TOKEN_AUDIENCE, exp })).toBe(true);
  });

  it('refuses another audience, no audience, no expiry or no subject', () => {
    expect(isAccessToken({ sub: 'u1', aud: 'queue-board', exp })).toBe(false);
    expect(isAccessToken({ sub: 'u1', exp })).toBe(false);
    expect(isAccessToken({ sub: 'u1', aud: [ACCESS_TOKEN_AUDIENCE], exp })).toBe(false);
    expect(isAccessToken({ sub: 'u1', aud: ACCESS_TOKEN_AUDIENCE })).toBe(false);
    expect(isAccessToken({ sub: 'u1', aud: ACCESS_TOKEN_AUDIENCE, exp: '9999999999' })).toBe(false);
    expect(isAccessToken({ aud: ACCESS_TOKEN_AUDIENCE, exp })).toBe(false);
    expect(isAccessToken({ sub: '', aud: ACCESS_TOKEN_AUDIENCE, exp })).toBe(false);
  });
});

describe('hasSubjectAndExpiry', () => {
  it('ignores the audience but not the expiry', () => {
    expect(hasSubjectAndExpiry({ sub: 'u1', aud: 'queue-board', exp: 1 })).toBe(true);
    expect(hasSubjectAndExpiry({ sub: 'u1', aud: 'queue-board' })).toBe(false);
  });
});
