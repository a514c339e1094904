import { Injectable } from '@nestjs/common';
import type { JobName } from '../infrastructure/queue/queue-names';

/** An outbox row as the relay hands it to a job it runs itself: its id (the job id it would have had) and its data. */
export interface InlineJobRow {
  id: string;
  data: Record<string, unknown>;
}

export type InlineJobHandler = (rows: InlineJobRow[]) => Promise<void>;

/**
 * Jobs the outbox relay runs itself, a claimed batch's rows of a job at once, rather than enqueue
 * a BullMQ job per row (issue 24): short, idempotent work that records each run itself, the live
 * push of in-app notifications above all. A handler that throws hands its rows to the queue as
 * ordinary jobs, which retry with their own attempts and backoff; a row due later (`runAt`) is
 * always queued. Handlers register when their module starts.
 */
@Injectable()
export class InlineJobs {
  private readonly handlers = new Map<JobName, InlineJobHandler>();

  register(job: JobName, handler: InlineJobHandler): void {
    this.handlers.set(job, handler);
  }

  handlerOf(job: JobName): InlineJobHandler | undefined {
    return this.handlers.get(job);
  }
}
