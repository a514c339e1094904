import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  ValidationError,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
// Environment variables are strings; a blank one means "not set".
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Everything a process needs, validated before anything starts.
 * Each property is one environment variable; the README's configuration table lists them.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
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

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer from 1 to 200' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be an integer from 1 to 200' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be an integer from 1 to 200' })
  DATABASE_POOL_SIZE = 10;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'EMBEDDED_POSTGRES_PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'EMBEDDED_POSTGRES_PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'EMBEDDED_POSTGRES_PORT must be an integer between 1 and 65535' })
  EMBEDDED_POSTGRES_PORT = 54329;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'EMBEDDED_REDIS_PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'EMBEDDED_REDIS_PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'EMBEDDED_REDIS_PORT must be an integer between 1 and 65535' })
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

  /** Jobs each worker process handles at once, per queue. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'WORKER_CONCURRENCY must be an integer from 1 to 100' })
  @Min(1, { message: 'WORKER_CONCURRENCY must be an integer from 1 to 100' })
  @Max(100, { message: 'WORKER_CONCURRENCY must be an integer from 1 to 100' })
  WORKER_CONCURRENCY = 5;

  /** Prefix of every BullMQ key in Redis, so that several deployments can share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1-32 letters, digits, - or _' })
  QUEUE_PREFIX = 'accord';
}

export class ConfigurationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration: ' +
        problems.map((p) => `${p.variable}: ${p.message}`).join('; '),
    );
    this.name = 'ConfigurationError';
  }
}

const firstMessage = (error: ValidationError): string =>
  Object.values(error.constraints ?? {})[0] ?? 'is invalid';

/**
 * Validate raw environment variables. Throws a ConfigurationError whose message is one line
 * naming every variable that is wrong, so a failed start-up says exactly what to fix.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((e) => ({ variable: e.property, message: `${firstMessage(e)} (got ${JSON.stringify(e.value)})` })),
    );
  }
  return env;
}
