import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Runs `sweepOnce` every `intervalMs` in a worker process, one run at a time, and waits for the
 * run in progress on shutdown. Subclasses say what one sweep does; a failed sweep is logged and
 * the next one tries again.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  protected abstract intervalMs(): number;
  /** One sweep; returns how many items it acted on. */
  protected abstract sweepOnce(): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs());
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep (joins the one in progress); never rejects. */
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
