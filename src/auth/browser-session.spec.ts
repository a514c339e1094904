import { isBrowserClient, originTrusted, trustedOrigins } from './browser-session';

describe('browser sessions: which requests may use the cookie', () => {
  const trusted = trustedOrigins('https://accord.example/app/', 'https://portal.example, http://localhost:5173/');

  it("trusts PUBLIC_URL's origin and each CORS origin, whatever their paths", () => {
    expect([...trusted].sort()).toEqual(['http://localhost:5173', 'https://accord.example', 'https://portal.example']);
  });

  it('trusts a request without Origin (the custom header has already been checked)', () => {
    expect(originTrusted(undefined, trusted)).toBe(true);
  });

  it('refuses a foreign, an opaque and a look-alike origin', () => {
    expect(originTrusted('https://evil.example', trusted)).toBe(false);
    expect(originTrusted('null', trusted)).toBe(false);
    expect(originTrusted('https://accord.example.evil.example', trusted)).toBe(false);
    expect(originTrusted('http://accord.example', trusted)).toBe(false);
    expect(originTrusted('https://portal.example', trusted)).toBe(true);
  });

  it('an empty CORS_ORIGINS leaves PUBLIC_URL alone', () => {
    expect([...trustedOrigins('http://localhost:3000', '')]).toEqual(['http://localhost:3000']);
  });

  it('recognises the web app by its header only', () => {
    expect(isBrowserClient('browser')).toBe(true);
    expect(isBrowserClient(' Browser ')).toBe(true);
    expect(isBrowserClient(undefined)).toBe(false);
    expect(isBrowserClient('curl')).toBe(false);
  });
});
