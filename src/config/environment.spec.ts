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

  describe('working-day calendar', () => {
    it('defaults to Shanghai time with no holidays', () => {
      const env = validateEnvironment({});
      expect(env.PLATFORM_TIMEZONE).toBe('Asia/Shanghai');
      expect(env.PUBLIC_HOLIDAYS).toEqual([]);
      expect(env.EXTRA_WORKING_DAYS).toEqual([]);
    });

    it('reads comma-separated date lists, ignoring spaces and empty items', () => {
      const env = validateEnvironment({
        PLATFORM_TIMEZONE: 'Europe/Berlin',
        PUBLIC_HOLIDAYS: ' 2026-10-01,2026-10-02 , ',
        EXTRA_WORKING_DAYS: '2026-10-10',
      });
      expect(env.PLATFORM_TIMEZONE).toBe('Europe/Berlin');
      expect(env.PUBLIC_HOLIDAYS).toEqual(['2026-10-01', '2026-10-02']);
      expect(env.EXTRA_WORKING_DAYS).toEqual(['2026-10-10']);
      expect(validateEnvironment({ PUBLIC_HOLIDAYS: '' }).PUBLIC_HOLIDAYS).toEqual([]);
    });

    it('refuses an unknown zone and a bare offset', () => {
      expect(() => validateEnvironment({ PLATFORM_TIMEZONE: 'Asia/Atlantis' })).toThrow(/PLATFORM_TIMEZONE/);
      expect(() => validateEnvironment({ PLATFORM_TIMEZONE: '+08:00' })).toThrow(/PLATFORM_TIMEZONE/);
    });

    it('names the date that is not a date', () => {
      expect(() => validateEnvironment({ PUBLIC_HOLIDAYS: '2026-10-01,2026-02-30' })).toThrow(
        /PUBLIC_HOLIDAYS must be comma-separated YYYY-MM-DD dates; 2026-02-30 is not/,
      );
      expect(() => validateEnvironment({ EXTRA_WORKING_DAYS: '10/10/2026' })).toThrow(/EXTRA_WORKING_DAYS/);
    });

    it('refuses a make-up working day on a weekday or on a listed holiday', () => {
      expect(() => validateEnvironment({ EXTRA_WORKING_DAYS: '2026-10-09' })).toThrow(
        /EXTRA_WORKING_DAYS.*2026-10-09 is not a Saturday or Sunday/,
      );
      expect(() =>
        validateEnvironment({ PUBLIC_HOLIDAYS: '2026-10-03', EXTRA_WORKING_DAYS: '2026-10-03' }),
      ).toThrow(/EXTRA_WORKING_DAYS.*both/);
    });
  });
});
