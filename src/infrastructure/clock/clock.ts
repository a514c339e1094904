/**
 * The platform's "now" for everything that compares against a due time (deadlines, the
 * outbox's delayed jobs, correction periods). One injectable source, so that tests can move
 * time forward days at a time instead of sleeping, while production reads the system clock.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly adjustable = false) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /**
   * Move this process's time forward (tests only: NODE_ENV=test). BullMQ's delayed jobs still
   * run on Redis's real time; the deadline sweep is what notices a deadline that moved time made due.
   */
  advance(ms: number): void {
    if (!this.adjustable) throw new Error('the clock can only be moved in tests (NODE_ENV=test)');
    this.offsetMs += ms;
  }

  reset(): void {
    if (!this.adjustable) throw new Error('the clock can only be moved in tests (NODE_ENV=test)');
    this.offsetMs = 0;
  }
}
