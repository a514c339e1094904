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

  it("defaults PUBLIC_URL to this process's own port, so links in e-mails reach it", () => {
    expect(validateEnvironment({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(validateEnvironment({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(validateEnvironment({ PORT: '8080', PUBLIC_URL: '  ' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(validateEnvironment({ PORT: '8080', PUBLIC_URL: 'https://accord.example' }).PUBLIC_URL).toBe('https://accord.example');
    expect(() => validateEnvironment({ PUBLIC_URL: 'accord.example' })).toThrow(/PUBLIC_URL must be an http\(s\) URL/);
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

  it('allows webhooks to plain http on loopback only outside production, and keeps the webhook defaults', () => {
    expect(validateEnvironment({})).toMatchObject({
      WEBHOOK_ALLOW_HTTP_LOOPBACK: false,
      WEBHOOK_MAX_ATTEMPTS: 8,
      WEBHOOK_RETRY_BASE_MS: 30_000,
      WEBHOOK_RETRY_MAX_MS: 3_600_000,
      WEBHOOK_TIMEOUT_MS: 10_000,
      WEBHOOK_SECRET_OVERLAP_HOURS: 24,
    });
    expect(validateEnvironment({ NODE_ENV: 'test', WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true' }).WEBHOOK_ALLOW_HTTP_LOOPBACK).toBe(true);
    expect(() => validateEnvironment({ NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true' })).toThrow(
      /WEBHOOK_ALLOW_HTTP_LOOPBACK cannot be true when NODE_ENV=production/,
    );
    expect(() => validateEnvironment({ WEBHOOK_TIMEOUT_MS: '5' })).toThrow(/WEBHOOK_TIMEOUT_MS must be an integer from 100 to 120000/);
  });

  it('reads the obligation reminder days as a list of working days, and refuses anything else', () => {
    expect(validateEnvironment({}).OBLIGATION_REMINDER_WORKING_DAYS_BEFORE).toEqual([3, 1]);
    expect(validateEnvironment({ OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: '5, 2,0' }).OBLIGATION_REMINDER_WORKING_DAYS_BEFORE).toEqual([5, 2, 0]);
    expect(validateEnvironment({ OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: '' }).OBLIGATION_REMINDER_WORKING_DAYS_BEFORE).toEqual([]);
    expect(() => validateEnvironment({ OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: '3,x' })).toThrow(/OBLIGATION_REMINDER_WORKING_DAYS_BEFORE/);
    expect(() => validateEnvironment({ OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: '31' })).toThrow(/OBLIGATION_REMINDER_WORKING_DAYS_BEFORE/);
    expect(() => validateEnvironment({ OBLIGATION_REMINDER_TIME: '9am' })).toThrow(/OBLIGATION_REMINDER_TIME/);
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
      expect(() => validateEnvironment({ PUBLIC_HOLIDAYS: '2026-10-01,2026-02-30' })).toThrow(/PUBLIC_HOLIDAYS must be comma-separated YYYY-MM-DD dates; 2026-02-30 is not/);
      expect(() => validateEnvironment({ EXTRA_WORKING_DAYS: '10/10/2026' })).toThrow(/EXTRA_WORKING_DAYS/);
    });

    it('refuses a make-up working day on a weekday or on a listed holiday', () => {
      expect(() => validateEnvironment({ EXTRA_WORKING_DAYS: '2026-10-09' })).toThrow(/EXTRA_WORKING_DAYS.*2026-10-09 is not a Saturday or Sunday/);
      expect(() => validateEnvironment({ PUBLIC_HOLIDAYS: '2026-10-03', EXTRA_WORKING_DAYS: '2026-10-03' })).toThrow(/EXTRA_WORKING_DAYS.*both/);
    });
  });

  it('defaults storage, mail and SMS to drivers that need no configuration', () => {
    const env = validateEnvironment({});
    expect(env.STORAGE_DRIVER).toBe('local');
    expect(env.S3_REGION).toBe('us-east-1');
    expect(env.S3_FORCE_PATH_STYLE).toBe(false);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('Accord <no-reply@accord.localhost>');
    expect(env.SMS_DRIVER).toBe('log');
    expect(env.SMS_TIMEOUT_MS).toBe(10_000);
    expect(env.SMTP_MAX_CONNECTIONS).toBe(5);
    expect(env.SMTP_MAX_MESSAGES).toBe(100);
  });

  it('reads the SMTP pool sizes as positive integers, and refuses anything else', () => {
    const env = validateEnvironment({ SMTP_MAX_CONNECTIONS: '2', SMTP_MAX_MESSAGES: '500' });
    expect([env.SMTP_MAX_CONNECTIONS, env.SMTP_MAX_MESSAGES]).toEqual([2, 500]);
    expect(() => validateEnvironment({ SMTP_MAX_CONNECTIONS: '0' })).toThrow(/SMTP_MAX_CONNECTIONS must be an integer from 1 to 100/);
    expect(() => validateEnvironment({ SMTP_MAX_MESSAGES: 'many' })).toThrow(/SMTP_MAX_MESSAGES must be an integer from 1 to 100000/);
  });

  it('requires bucket and credentials when STORAGE_DRIVER=s3, naming each missing one', () => {
    const problems = (() => {
      try {
        validateEnvironment({ STORAGE_DRIVER: 's3', S3_ACCESS_KEY_ID: 'id' });
      } catch (e) {
        return (e as ConfigurationError).problems.map((p) => p.variable).sort();
      }
      return [];
    })();
    expect(problems).toEqual(['S3_BUCKET', 'S3_SECRET_ACCESS_KEY']);
    expect(() => validateEnvironment({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET is required when STORAGE_DRIVER=s3/);
  });

  it('accepts a complete S3 configuration', () => {
    const env = validateEnvironment({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'accord',
      S3_ACCESS_KEY_ID: 'accord',
      S3_SECRET_ACCESS_KEY: 'accord-secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(env).toMatchObject({ STORAGE_DRIVER: 's3', S3_BUCKET: 'accord', S3_FORCE_PATH_STYLE: true, S3_REGION: 'us-east-1' });
  });

  it('refuses an unknown storage driver and a malformed bucket name', () => {
    expect(() => validateEnvironment({ STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER must be local or s3/);
    expect(() => validateEnvironment({ STORAGE_DRIVER: 's3', S3_BUCKET: 'Bad_Bucket', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })).toThrow(
      /S3_BUCKET must be a valid bucket name/,
    );
  });

  it('requires SMTP_URL in production only, and checks its scheme when given', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/SMTP_URL is required when NODE_ENV=production/);
    expect(validateEnvironment({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:1025' }).SMTP_URL).toBe('smtp://mail:1025');
    expect(validateEnvironment({ NODE_ENV: 'development' }).SMTP_URL).toBeUndefined();
    expect(() => validateEnvironment({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('requires the provider URL and key when SMS_DRIVER=http', () => {
    expect(() => validateEnvironment({ SMS_DRIVER: 'http', SMS_PROVIDER_KEY: 'k' })).toThrow(/SMS_PROVIDER_URL is required when SMS_DRIVER=http/);
    expect(() => validateEnvironment({ SMS_DRIVER: 'http', SMS_PROVIDER_URL: 'https://sms.example/send' })).toThrow(/SMS_PROVIDER_KEY is required when SMS_DRIVER=http/);
    expect(() => validateEnvironment({ SMS_DRIVER: 'carrier-pigeon' })).toThrow(/SMS_DRIVER must be log or http/);
  });

  it('never echoes a credential in the error line', () => {
    let message = '';
    try {
      validateEnvironment({ SMTP_URL: 'ftp://mailer:hunter2@mail.example', PORT: 'x' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('hunter2');
    expect(message).toContain('ftp://mailer:[redacted]@mail.example');
  });

  it('keeps archives 30 years by default and reads per-outcome periods', () => {
    const env = validateEnvironment({});
    expect(env.ARCHIVE_RETENTION_YEARS).toBe(30);
    expect(env.ARCHIVE_RETENTION_BY_OUTCOME).toBe('');
    const set = validateEnvironment({ ARCHIVE_RETENTION_YEARS: '20', ARCHIVE_RETENTION_BY_OUTCOME: 'withdrawn:10, fulfilled:30' });
    expect(set.ARCHIVE_RETENTION_YEARS).toBe(20);
    expect(set.ARCHIVE_RETENTION_BY_OUTCOME).toBe('withdrawn:10, fulfilled:30');
  });

  it('names the retention variable and the reason when it is wrong', () => {
    expect(() => validateEnvironment({ ARCHIVE_RETENTION_YEARS: '0' })).toThrow(/ARCHIVE_RETENTION_YEARS must be an integer from 1 to 1000/);
    expect(() => validateEnvironment({ ARCHIVE_RETENTION_BY_OUTCOME: 'withdrawed:10' })).toThrow(
      /ARCHIVE_RETENTION_BY_OUTCOME must be outcome:years pairs: "withdrawed" is not an outcome/,
    );
  });
});
