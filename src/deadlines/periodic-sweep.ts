import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * A backstop that runs every `intervalMs` in worker processes (the deadline sweep, the
 * performance sweep): one pass at a time, never rejecting, waited for on shutdown. A subclass
 * says what one pass does and returns how much it did.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  protected abstract intervalMs(): number;
  protected abstract sweepOnce(): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs());
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns what it handled. Never rejects. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce()
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'sweep failed');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
