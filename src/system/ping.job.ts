import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import type { PingResult } from './ping.dto';

/** Proves the queue wiring end to end: API → Redis → a worker → a result read back. */
@Injectable()
export class PingJob {
  @JobHandler(JobName.SystemPing)
  async handle(job: Job<{ message: string }>): Promise<PingResult> {
    return { echo: job.data.message, handledBy: `${hostname()}:${process.pid}`, handledAt: new Date().toISOString() };
  }
}
