// Over 300 lines on purpose: every setting of the platform in one validated class, so one file answers
// "what can be configured, with which default and range" (README's configuration table mirrors it).
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
  ValidationArguments,
  ValidationError,
} from 'class-validator';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, parseRetentionByOutcome } from '../archive/archive-retention';
import { CalendarConfigError, DEFAULT_TIME_ZONE, isIanaTimeZone, isLocalDate, WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
/** An integer variable within a range, with one message naming the variable and the range. */
function IntVar(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    const message = `${String(key)} must be an integer from ${min} to ${max}`;
    Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))(target, key);
    IsInt({ message })(target, key);
    Min(min, { message })(target, key);
    Max(max, { message })(target, key);
  };
}

// Environment variables are strings; a blank one means "not set".
const blankToUndefined = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const usesS3 = (env: Environment): boolean => env.STORAGE_DRIVER === 's3';
const usesHttpSms = (env: Environment): boolean => env.SMS_DRIVER === 'http';

// "2026-10-01, 2026-10-02" → ['2026-10-01', '2026-10-02']; blank → [].
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;

// "3, 1" → [3, 1]; anything that is not a whole number stays as it is, for the validator to refuse.
const toIntList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => (/^\d{1,3}$/.test(v) ? Number(v) : v))
    : value;

/**
 * Why a holiday list would be refused by the working-day calendar, or undefined when it is fine.
 * The calendar itself decides, so configuration and calendar can never disagree.
 */
function holidayListProblem(args: ValidationArguments): string | undefined {
  const env = args.object as Partial<Environment>;
  const value: unknown = args.value;
  if (!Array.isArray(value) || value.some((d) => typeof d !== 'string')) return 'must be a comma-separated list';
  const bad = (value as string[]).filter((d) => !isLocalDate(d));
  if (bad.length > 0) return `must be comma-separated YYYY-MM-DD dates; ${bad.join(', ')} is not`;
  if (args.property !== 'EXTRA_WORKING_DAYS') return undefined;
  const holidays = Array.isArray(env.PUBLIC_HOLIDAYS) ? env.PUBLIC_HOLIDAYS.filter((d) => isLocalDate(d)) : [];
  try {
    new WorkingDayCalendar({ timeZone: 'UTC', holidays, extraWorkingDays: value as string[] });
    return undefined;
  } catch (e) {
    if (e instanceof CalendarConfigError) return `must list make-up working days only: ${e.message}`;
    throw e;
  }
}

/** Why ARCHIVE_RETENTION_BY_OUTCOME is refused, or undefined; the archive's own parser decides. */
function retentionByOutcomeProblem(value: string): string | undefined {
  try {
    parseRetentionByOutcome(value);
    return undefined;
  } catch (e) {
    return `must be outcome:years pairs: ${(e as Error).message}`;
  }
}

const IsHolidayList = (): PropertyDecorator =>
  ValidateBy({
    name: 'isHolidayList',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => args !== undefined && !holidayListProblem(args),
      defaultMessage: (args?: ValidationArguments) => (args ? `${args.property} ${holidayListProblem(args) ?? 'is invalid'}` : 'is invalid'),
    },
  });

/**
 * Everything a process needs, validated before anything starts.
 * Each property is one environment variable; the README's configuration table lists them.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IntVar(1, 65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Where embedded PostgreSQL, the local Redis and locally stored files live. */
  @IsString()
  @Matches(/\S/, { message: 'DATA_DIR must not be blank' })
  DATA_DIR = '.data';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @IntVar(1, 200)
  DATABASE_POOL_SIZE = 10;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IntVar(1, 65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @IntVar(1, 65535)
  EMBEDDED_REDIS_PORT = 63790;

  /** Apply pending migrations at start-up (under an advisory lock). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Comma-separated list of origins allowed by CORS; empty disables CORS. */
  @IsString()
  @Matches(/^(\s*https?:\/\/[^,\s]+\s*)(,\s*https?:\/\/[^,\s]+\s*)*$|^$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS = '';

  /** Largest JSON or form request body accepted (file uploads have their own limit). */
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must be a size such as 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Jobs each worker process handles at once, per queue (the notifications queue has its own, below). */
  @IntVar(1, 100)
  WORKER_CONCURRENCY = 5;

  /**
   * Notification jobs (e-mail, SMS, in-app push) each worker process handles at once. More than
   * SMTP_MAX_CONNECTIONS: while some jobs record an attempt before sending and its outcome after,
   * the others keep every connection busy.
   */
  @IntVar(1, 100)
  NOTIFICATION_CONCURRENCY = 10;

  /** Prefix of every BullMQ key in Redis, so that several deployments can share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1-32 letters, digits, - or _' })
  QUEUE_PREFIX = 'accord';

  /**
   * Base URL people reach the platform at; used in links sent by e-mail and SMS. Unset, it is
   * this process's own address, http://localhost:PORT (filled in by validateEnvironment).
   */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Signs access tokens. Required for the api mode; `npm start` makes one and keeps it in
   * DATA_DIR so sessions survive a restart.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Signs the reading links of served documents (docs/procedural-rules.md F27). Unset: JWT_SECRET is used. Worker
   * processes render the e-mails, so they need one of the two.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'SERVICE_LINK_SECRET must be at least 32 characters' })
  SERVICE_LINK_SECRET?: string;

  /** Days a served document's signed reading link works. */
  @IntVar(1, 365)
  SERVICE_LINK_TTL_DAYS = 14;

  /** Hours a service has to become effective before the next consented channel is tried (docs/procedural-rules.md F26). */
  @IntVar(1, 720)
  SERVICE_FALLBACK_HOURS = 24;

  /**
   * Derives the one-time codes that sign agreements (src/agreements/signature-codes.ts), so a code
   * is never stored. Unset: JWT_SECRET is used. Worker processes send the codes, so they need one
   * of the two.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'SIGNATURE_CODE_SECRET must be at least 32 characters' })
  SIGNATURE_CODE_SECRET?: string;

  /** Seconds a one-time signing code works (docs/procedural-rules.md C12). */
  @IntVar(60, 3600)
  SIGNATURE_CODE_TTL_SECONDS = 300;

  /** Wrong entries of one signing code before it is locked. */
  @IntVar(1, 10)
  SIGNATURE_CODE_MAX_ATTEMPTS = 5;

  /** Signing codes one person may request for one agreement version within an hour (limits guessing). */
  @IntVar(1, 100)
  SIGNATURE_CODES_PER_HOUR = 5;

  /** Lifetime of an access token. Short: roles and account status are re-read on refresh. */
  @IntVar(60, 86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IntVar(1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * How long a rotated refresh token may be presented again without counting as stolen (a page
   * reloaded mid-refresh, two tabs refreshing at once); 0 treats every second use as theft.
   */
  @IntVar(0, 300)
  REFRESH_TOKEN_REUSE_GRACE_SECONDS = 30;

  /** Failed logins on one account, within LOGIN_FAILURE_WINDOW_MINUTES, that lock it. */
  @IntVar(1, 100)
  LOGIN_MAX_FAILURES = 5;

  @IntVar(1, 1_440)
  LOGIN_FAILURE_WINDOW_MINUTES = 15;

  @IntVar(1, 1_440)
  LOGIN_LOCKOUT_MINUTES = 15;

  /** Requests per minute one IP address may make to the sign-in, register and reset endpoints. */
  @IntVar(1, 100_000)
  AUTH_RATE_LIMIT_PER_MINUTE = 30;

  /** Requests per minute one court system's API key may make (429 with Retry-After beyond). */
  @IntVar(1, 100_000)
  API_KEY_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Most referrals a court system may post in one batch (POST /court-systems/referral-batches). At
   * most 100: a request holds at most 10,000 values (src/common/input/input-limits.ts), about 100
   * full referrals.
   */
  @IntVar(1, 100)
  REFERRAL_BATCH_MAX_ROWS = 100;

  /** Attempts in a row of one webhook delivery before it is given up (an administrator may replay it). */
  @IntVar(1, 50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** Wait before the first retry of a failed webhook delivery; doubles with each attempt (20 % jitter). */
  @IntVar(10, 3_600_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Longest wait between two attempts of a webhook delivery. */
  @IntVar(10, 86_400_000)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** Longest wait for a webhook receiver's answer (connecting included); longer counts as a failed attempt. */
  @IntVar(100, 120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Hours the secret before a rotation keeps signing webhooks beside the new one (0: it stops at once). */
  @IntVar(0, 720)
  WEBHOOK_SECRET_OVERLAP_HOURS = 24;

  /**
   * Webhooks may go to plain http on this machine (127.0.0.0/8, ::1, localhost): for tests and
   * development only, refused with NODE_ENV=production. Private and link-local addresses are refused always.
   */
  @Transform(toBoolean)
  @IsBoolean({ message: 'WEBHOOK_ALLOW_HTTP_LOOPBACK must be true or false' })
  @ValidateBy({
    name: 'notInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !(value === true && (args?.object as Environment).NODE_ENV === 'production'),
      defaultMessage: () => 'WEBHOOK_ALLOW_HTTP_LOOPBACK cannot be true when NODE_ENV=production',
    },
  })
  WEBHOOK_ALLOW_HTTP_LOOPBACK = false;

  @IntVar(5, 1_440)
  PASSWORD_RESET_TTL_MINUTES = 30;

  /** Hash of new case event chains and archives: SHA-256, or SM3 (GB/T 32905, docs/procedural-rules.md G32). */
  @IsIn(['sha256', 'sm3'], { message: 'HASH_ALGORITHM must be sha256 or sm3' })
  HASH_ALGORITHM: 'sha256' | 'sm3' = 'sha256';

  /** Court referrals skip intake review and go straight to assignment. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'COURT_REFERRALS_AUTO_ACCEPT must be true or false' })
  COURT_REFERRALS_AUTO_ACCEPT = false;

  /** Calendar days an applicant has to correct an application when intake asks (no statutory figure). */
  @IntVar(1, 60)
  CORRECTION_PERIOD_DAYS = 7;

  /**
   * The first administrator: when set and the platform has no administrator yet, an account with
   * this e-mail is made one at start-up (created with ADMIN_PASSWORD if it does not exist). Every
   * other account is created by an administrator, so this is how an installation gets its first.
   */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  /** The first administrator's initial password (12–128 characters); needed when ADMIN_EMAIL names no account yet. */
  @Transform(blankToUndefined)
  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /** `npm start` seeds demo organisations, accounts and cases on its first run (never in production). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA = true;
  // ── Statutory and platform periods (docs/procedural-rules.md; every day count is configuration) ───
  /** Working days to reach the other party of a one-sided application (OMR 15; docs/procedural-rules.md A3). */
  @IntVar(1, 60)
  RESPONDENT_CONSENT_WORKING_DAYS = 3;

  /** Working days the parties have to choose a mediator jointly (OMR 10, 12; docs/procedural-rules.md A4). */
  @IntVar(1, 60)
  JOINT_NOMINATION_WORKING_DAYS = 2;

  /** Working days for the platform or court to designate a mediator otherwise (docs/procedural-rules.md A4). */
  @IntVar(1, 60)
  DESIGNATION_WORKING_DAYS = 3;

  /** Working days an offered mediator has to accept (docs/procedural-rules.md A4); silence re-assigns. */
  @IntVar(1, 60)
  MEDIATOR_ACCEPT_WORKING_DAYS = 3;

  /** Mediation period before filing (诉前委派), calendar days (OMR 24; docs/procedural-rules.md B7). */
  @IntVar(1, 365)
  MEDIATION_DAYS_PRE_FILING = 30;

  /** Mediation period after filing, ordinary procedure (委托), calendar days (docs/procedural-rules.md B7). */
  @IntVar(1, 365)
  MEDIATION_DAYS_POST_FILING_ORDINARY = 15;

  /** Mediation period after filing, simplified procedure, calendar days (docs/procedural-rules.md B7). */
  @IntVar(1, 365)
  MEDIATION_DAYS_POST_FILING_SIMPLIFIED = 7;

  /** Longest extension of the mediation period one proposal may ask for, calendar days (no statutory figure; every party must consent, docs/procedural-rules.md B7). */
  @IntVar(1, 365)
  MEDIATION_EXTENSION_MAX_DAYS = 30;

  /** Rounds of double-blind bidding when the mediator does not set them (each unsettled round tells a side a little; at most 10). */
  @IntVar(1, 10)
  BLIND_BIDDING_DEFAULT_ROUNDS = 3;

  /** Days after the agreement takes effect to apply jointly for confirmation (CPL 205; docs/procedural-rules.md D15). */
  @IntVar(1, 365)
  CONFIRMATION_WINDOW_DAYS = 30;

  /** Days a court has to accept (docket) a confirmation application (2011 Prov. 4; docs/procedural-rules.md D20). */
  @IntVar(1, 60)
  COURT_DOCKET_DAYS = 3;

  /** Days a court has to decide after docketing (2011 Prov. 5; docs/procedural-rules.md D20). */
  @IntVar(1, 120)
  COURT_DECISION_DAYS = 15;

  /** Days a decision may be extended with approval (2011 Prov. 5; docs/procedural-rules.md D20). */
  @IntVar(0, 120)
  COURT_DECISION_EXTENSION_DAYS = 10;

  /** Days the parties have to supplement materials when the court asks (Interp. 357; no statutory figure). */
  @IntVar(1, 60)
  SUPPLEMENT_DAYS = 7;

  /** Days a party has to object after receiving the ruling (Interp. 372; docs/procedural-rules.md D23). */
  @IntVar(1, 120)
  OBJECTION_DAYS = 15;

  /** Months an interested third party has to object (Interp. 372; docs/procedural-rules.md D23). */
  @IntVar(1, 60)
  THIRD_PARTY_OBJECTION_MONTHS = 6;

  /** Years to apply for enforcement after the performance period ends (CPL 250; docs/procedural-rules.md E25). */
  @IntVar(1, 10)
  ENFORCEMENT_WINDOW_YEARS = 2;

  /** Working days before a deadline's last day that the people who must act are reminded; 0 turns reminders off. */
  @IntVar(0, 30)
  REMINDER_WORKING_DAYS_BEFORE = 1;

  /** Working days before the court's own last day to docket or to decide that its clerks and judges are reminded (docs/procedural-rules.md D20); 0 turns these reminders off. */
  @IntVar(0, 30)
  COURT_REMINDER_WORKING_DAYS_BEFORE = 1;

  /** Minutes before a mediation session starts that its participants are reminded; 0 turns these reminders off. */
  @IntVar(0, 10_080)
  SESSION_REMINDER_MINUTES = 60;

  /**
   * Working days before an obligation's last day that the obligated side is reminded
   * (comma-separated, e.g. `3,1`; `0` is the last day itself; empty turns them off).
   */
  @Transform(toIntList)
  @ValidateBy(
    {
      name: 'isWorkingDayList',
      validator: { validate: (v: unknown) => Array.isArray(v) && v.length <= 10 && v.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 30) },
    },
    { message: 'OBLIGATION_REMINDER_WORKING_DAYS_BEFORE must be comma-separated whole numbers from 0 to 30 (at most 10)' },
  )
  OBLIGATION_REMINDER_WORKING_DAYS_BEFORE: number[] = [3, 1];

  /** Local time (HH:mm, platform time zone) at which obligation reminders go out. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'OBLIGATION_REMINDER_TIME must be a time of day HH:mm' })
  OBLIGATION_REMINDER_TIME = '09:00';

  // ── Outbox, notifications, deadlines (how the machinery runs, not the law) ─────────────
  /** How often a worker looks for outbox rows to relay when nothing nudged it. */
  @IntVar(50, 60_000)
  OUTBOX_POLL_INTERVAL_MS = 1_000;

  /** Outbox rows one relay pass claims. */
  @IntVar(1, 5_000)
  OUTBOX_BATCH_SIZE = 200;

  /** How long a claimed outbox row is reserved for its relay; a relay that died frees its rows after this. */
  @IntVar(1_000, 600_000)
  OUTBOX_LEASE_MS = 30_000;

  /** How long a running job's lock lasts; a worker that died gives its jobs back after about this long. */
  @IntVar(1_000, 600_000)
  QUEUE_LOCK_DURATION_MS = 60_000;

  /** Attempts per notification channel (e-mail, SMS) before the delivery counts as failed. */
  @IntVar(1, 50)
  DELIVERY_MAX_ATTEMPTS = 8;

  /** Wait before the first retry of a temporarily failed delivery; doubles with each attempt. */
  @IntVar(10, 3_600_000)
  DELIVERY_RETRY_BASE_MS = 30_000;

  /** Longest wait between two delivery attempts. */
  @IntVar(10, 86_400_000)
  DELIVERY_RETRY_MAX_MS = 3_600_000;

  /** How often a worker looks for deadlines that are due but were not fired (their job lost). */
  @IntVar(100, 3_600_000)
  DEADLINE_SWEEP_INTERVAL_MS = 60_000;

  /** How long past its due time a deadline waits for its own job before the sweep fires it. */
  @IntVar(0, 3_600_000)
  DEADLINE_SWEEP_GRACE_MS = 60_000;

  /**
   * How long a stored object may go without the document row that refers to it before the sweep
   * deletes it: longer than any transaction that writes a document can run.
   */
  @IntVar(1_000, 7 * 86_400_000)
  STORAGE_ORPHAN_GRACE_MS = 3_600_000;

  /** Largest uploaded document, in megabytes. */
  @IntVar(1, 2_048)
  MAX_UPLOAD_MB = 20;

  /** IANA time zone in which statutory periods are counted: their days start and end at local midnight. */
  @ValidateBy(
    { name: 'isIanaTimeZone', validator: { validate: (v: unknown) => typeof v === 'string' && isIanaTimeZone(v) } },
    {
      message: 'PLATFORM_TIMEZONE must be an IANA time zone such as Asia/Shanghai',
    },
  )
  PLATFORM_TIMEZONE = DEFAULT_TIME_ZONE;

  /** Public holidays (comma-separated YYYY-MM-DD), including weekend days inside a holiday block. */
  @Transform(toList)
  @IsHolidayList()
  PUBLIC_HOLIDAYS: string[] = [];

  /** Weekend days that are official make-up working days (调休), comma-separated YYYY-MM-DD. */
  @Transform(toList)
  @IsHolidayList()
  EXTRA_WORKING_DAYS: string[] = [];
  /** Where case documents and generated files are kept: `local` (under DATA_DIR/files) or `s3`. */
  @IsIn(['local', 's3'], { message: 'STORAGE_DRIVER must be local or s3' })
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** S3-compatible endpoint (MinIO, Ceph, R2…); unset means AWS S3 itself, found from S3_REGION. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION = 'us-east-1';

  @Transform(blankToUndefined)
  @ValidateIf(usesS3)
  @IsDefined({ message: 'S3_BUCKET is required when STORAGE_DRIVER=s3' })
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name (3-63 lower-case letters, digits, . or -)' })
  S3_BUCKET?: string;

  @Transform(blankToUndefined)
  @ValidateIf(usesS3)
  @IsDefined({ message: 'S3_ACCESS_KEY_ID is required when STORAGE_DRIVER=s3' })
  @IsString({ message: 'S3_ACCESS_KEY_ID must be a string' })
  S3_ACCESS_KEY_ID?: string;

  @Transform(blankToUndefined)
  @ValidateIf(usesS3)
  @IsDefined({ message: 'S3_SECRET_ACCESS_KEY is required when STORAGE_DRIVER=s3' })
  @IsString({ message: 'S3_SECRET_ACCESS_KEY must be a string' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Address buckets as `endpoint/bucket/key` rather than `bucket.endpoint/key` (MinIO needs it). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE = false;

  /**
   * Object Lock mode for archives when the bucket has Object Lock enabled: COMPLIANCE (nobody,
   * not even the root account, can delete before the retention date) or GOVERNANCE.
   */
  @IsIn(['COMPLIANCE', 'GOVERNANCE'], { message: 'S3_OBJECT_LOCK_MODE must be COMPLIANCE or GOVERNANCE' })
  S3_OBJECT_LOCK_MODE: 'COMPLIANCE' | 'GOVERNANCE' = 'COMPLIANCE';

  /**
   * SMTP server, e.g. smtp://user:password@mail.example:587 (smtps:// for implicit TLS). Unset
   * outside production: messages are logged instead of sent.
   */
  @Transform(blankToUndefined)
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.SMTP_URL !== undefined)
  @IsDefined({ message: 'SMTP_URL is required when NODE_ENV=production' })
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /**
   * SMTP connections each process keeps open and reuses (a pool); fewer than the notification
   * jobs a worker runs at once (NOTIFICATION_CONCURRENCY), so that none waits for a job's records.
   */
  @IntVar(1, 100)
  SMTP_MAX_CONNECTIONS = 5;

  /** Messages sent over one pooled SMTP connection before it is closed and a new one opened. */
  @IntVar(1, 100_000)
  SMTP_MAX_MESSAGES = 100;

  /** Sender of every e-mail: an address, optionally with a display name. */
  @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an address such as no-reply@example.org or "Name <no-reply@example.org>"',
  })
  MAIL_FROM = 'Accord <no-reply@accord.localhost>';

  /** `log` writes text messages to the log (development only); `http` posts them to SMS_PROVIDER_URL. */
  @IsIn(['log', 'http'], { message: 'SMS_DRIVER must be log or http' })
  SMS_DRIVER: 'log' | 'http' = 'log';

  @Transform(blankToUndefined)
  @ValidateIf(usesHttpSms)
  @IsDefined({ message: 'SMS_PROVIDER_URL is required when SMS_DRIVER=http' })
  @Matches(/^https?:\/\/\S+$/, { message: 'SMS_PROVIDER_URL must be an http:// or https:// URL' })
  SMS_PROVIDER_URL?: string;

  @Transform(blankToUndefined)
  @ValidateIf(usesHttpSms)
  @IsDefined({ message: 'SMS_PROVIDER_KEY is required when SMS_DRIVER=http' })
  @IsString({ message: 'SMS_PROVIDER_KEY must be a string' })
  SMS_PROVIDER_KEY?: string;

  /** How long one request to the SMS provider may take before it counts as a temporary failure. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SMS_TIMEOUT_MS must be an integer from 100 to 120000' })
  @Min(100, { message: 'SMS_TIMEOUT_MS must be an integer from 100 to 120000' })
  @Max(120_000, { message: 'SMS_TIMEOUT_MS must be an integer from 100 to 120000' })
  SMS_TIMEOUT_MS = 10_000;

  /** Years an archive is kept when its outcome has no period of its own (docs/procedural-rules.md G31: 30). */
  @IntVar(1, MAX_RETENTION_YEARS)
  ARCHIVE_RETENTION_YEARS = DEFAULT_RETENTION_YEARS;

  /** Per-outcome retention, `outcome:years` pairs separated by commas (e.g. `withdrawn:10`). */
  @ValidateBy(
    { name: 'isRetentionByOutcome', validator: { validate: (v: unknown) => typeof v === 'string' && !retentionByOutcomeProblem(v) } },
    {
      message: (args: ValidationArguments) =>
        `ARCHIVE_RETENTION_BY_OUTCOME ${typeof args.value === 'string' ? (retentionByOutcomeProblem(args.value) ?? 'is invalid') : 'must be a string'}`,
    },
  )
  ARCHIVE_RETENTION_BY_OUTCOME = '';
}

export class ConfigurationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid configuration: ' + problems.map((p) => `${p.variable}: ${p.message}`).join('; '));
    this.name = 'ConfigurationError';
  }
}

const firstMessage = (error: ValidationError): string => Object.values(error.constraints ?? {})[0] ?? 'is invalid';

// A start-up error line ends up in logs and CI output: it must not carry a credential.
const SECRET_VARIABLES = new Set(['ADMIN_PASSWORD', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'SMS_PROVIDER_KEY', 'SIGNATURE_CODE_SECRET']);
const shown = (variable: string, value: unknown): string => {
  if (SECRET_VARIABLES.has(variable) && value !== undefined) return '[redacted]';
  const text = JSON.stringify(value);
  return typeof text === 'string' ? text.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1[redacted]@') : String(text);
};

/**
 * Validate raw environment variables. Throws a ConfigurationError whose message is one line
 * naming every variable that is wrong, so a failed start-up says exactly what to fix.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  // A default that depends on another variable: links must reach this process whatever its PORT.
  if (typeof raw.PUBLIC_URL !== 'string' || raw.PUBLIC_URL.trim() === '') env.PUBLIC_URL = `http://localhost:${env.PORT}`;
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigurationError(errors.map((e) => ({ variable: e.property, message: `${firstMessage(e)} (got ${shown(e.property, e.value)})` })));
  }
  return env;
}
