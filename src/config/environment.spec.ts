import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('.data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MIGRATIONS_RUN).toBe(true);
  });

  it('converts strings to the declared types', () => {
    const env = validateEnvironment({ PORT: '8080', MIGRATIONS_RUN: 'false', WORKER_CONCURRENCY: '2' });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.WORKER_CONCURRENCY).toBe(2);
  });

  it('names the variable in one line when a value is malformed', () => {
    expect(() => validateEnvironment({ PORT: 'abc' })).toThrow(ConfigurationError);
    try {
      validateEnvironment({ PORT: 'abc', REDIS_URL: 'http://x' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('PORT');
      expect(message).toContain('REDIS_URL');
    }
  });

  it('treats a blank URL as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('refuses a database URL of another scheme', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('accepts a list of CORS origins and refuses garbage', () => {
    expect(validateEnvironment({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toBeTruthy();
    expect(() => validateEnvironment({ CORS_ORIGINS: 'not an origin' })).toThrow(/CORS_ORIGINS/);
  });
});
