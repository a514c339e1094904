import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { Negotiations, type ExpireOfferJob } from './negotiation.service';

/** The delayed job an offer with an expiry schedules for that instant. */
@Injectable()
export class OfferExpiryJob {
  constructor(private readonly negotiations: Negotiations) {}

  @JobHandler(JobName.ExpireOffer)
  async run(job: Job<ExpireOfferJob>): Promise<{ outcome: string }> {
    return { outcome: await this.negotiations.expire(job.data) };
  }
}
