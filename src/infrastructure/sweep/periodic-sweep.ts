import { BeforeApplicationShutdown, Logger } from '@nestjs/common';

/**
 * A backstop that looks over the database every so often (deadlines whose jobs were lost,
 * services due for their next channel, obligations due). Subclasses say what one sweep does; the
 * SweepScheduler runs it through a BullMQ job scheduler, so each interval's sweep runs once across
 * all worker processes, not once in each. A failed sweep is logged and the next one tries again.
 * Present in worker processes only.
 */
export abstract class PeriodicSweep implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private running?: Promise<number>;

  /** Names the sweep's job scheduler (`sweep:<name>`); unique across the platform. */
  abstract readonly sweepName: string;
  /** How often the sweep runs. */
  abstract intervalMs(): number;
  /** One sweep; returns how many items it acted on. */
  protected abstract sweepOnce(): Promise<number>;

  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }

  /** One sweep (joins the one in progress in this process); never rejects. */
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
