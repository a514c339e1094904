import { accessTokenIsCurrent } from './session-generation';

describe('access tokens and the session generation', () => {
  it('accepts a token of the current generation', () => {
    expect(accessTokenIsCurrent({ sub: 'u', gen: 3 }, { sessionGeneration: 3 })).toBe(true);
  });

  it('refuses a token of an earlier generation', () => {
    expect(accessTokenIsCurrent({ sub: 'u', gen: 2 }, { sessionGeneration: 3 })).toBe(false);
  });

  it('reads a token signed before generations existed as generation 0', () => {
    expect(accessTokenIsCurrent({ sub: 'u' }, { sessionGeneration: 0 })).toBe(true);
    expect(accessTokenIsCurrent({ sub: 'u' }, { sessionGeneration: 1 })).toBe(false);
  });
});
