import type { ServiceChannel } from './deemed-served';
import { nextAttempt } from './service-attempts';

const set = (...c: ServiceChannel[]): Set<ServiceChannel> => new Set(c);

describe('nextAttempt', () => {
  it('starts with the inbox and e-mail together', () => {
    expect(nextAttempt(set('in_app', 'email', 'sms'), set())).toEqual(['in_app', 'email']);
  });

  it('falls back to SMS once the first attempt was made', () => {
    expect(nextAttempt(set('in_app', 'email', 'sms'), set('in_app', 'email'))).toEqual(['sms']);
  });

  it('skips channels the recipient cannot be reached on', () => {
    expect(nextAttempt(set('email', 'sms'), set())).toEqual(['email']);
    expect(nextAttempt(set('sms'), set())).toEqual(['sms']);
  });

  it('is empty when every reachable channel was tried', () => {
    expect(nextAttempt(set('in_app', 'email'), set('in_app', 'email'))).toEqual([]);
    expect(nextAttempt(set(), set())).toEqual([]);
  });
});
