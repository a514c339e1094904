import { unavailableDependency } from './outage';

const withCode = (message: string, code: string, extra: object = {}): Error => Object.assign(new Error(message), { code, ...extra });

describe('unavailableDependency', () => {
  it('recognises Redis outages as ioredis reports them', () => {
    expect(unavailableDependency(new Error('Command timed out'))).toBe('redis');
    expect(unavailableDependency(new Error('Connection is closed.'))).toBe('redis');
    expect(unavailableDependency(Object.assign(new Error('Reached the max retries per request limit (which is 3).'), { name: 'MaxRetriesPerRequestError' }))).toBe('redis');
  });

  it('recognises PostgreSQL outages: refused, terminated, shutting down, pool timeout', () => {
    expect(unavailableDependency(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED', { syscall: 'connect' }))).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe('database');
    expect(unavailableDependency(withCode('terminating connection due to administrator command', '57P01'))).toBe('database');
    expect(unavailableDependency(withCode('the database system is starting up', '57P03'))).toBe('database');
    expect(unavailableDependency(withCode('connection failure', '08006'))).toBe('database');
    expect(unavailableDependency(withCode('sorry, too many clients already', '53300'))).toBe('database');
  });

  it('looks inside TypeORM wrappers, causes and AggregateErrors', () => {
    const queryFailed = Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: new Error('Connection terminated unexpectedly') });
    expect(unavailableDependency(queryFailed)).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated due to connection timeout', { cause: new Error('x') }))).toBe('database');
    expect(unavailableDependency(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED', { syscall: 'connect' })], ''))).toBe('database');
    expect(unavailableDependency(new Error('wrapped', { cause: new Error('Command timed out') }))).toBe('redis');
  });

  it('leaves everything else alone: bugs, constraint violations, Redis replies', () => {
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(unavailableDependency(withCode('duplicate key value violates unique constraint', '23505'))).toBeUndefined();
    expect(unavailableDependency(withCode('canceling statement due to statement timeout', '57014'))).toBeUndefined();
    expect(unavailableDependency(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBeUndefined();
    expect(unavailableDependency(withCode('ENOENT: no such file or directory', 'ENOENT', { syscall: 'open' }))).toBeUndefined();
    // The client hung up mid-upload; the S3 client's own network errors.
    expect(unavailableDependency(withCode('aborted', 'ECONNRESET'))).toBeUndefined();
    expect(unavailableDependency(withCode('connect ECONNREFUSED 10.0.0.5:9000', 'ECONNREFUSED', { syscall: 'connect', $metadata: { attempts: 3 } }))).toBeUndefined();
    expect(unavailableDependency(undefined)).toBeUndefined();
    expect(unavailableDependency('Command timed out')).toBeUndefined();
  });
});
