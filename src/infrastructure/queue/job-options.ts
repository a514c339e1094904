import type { JobsOptions } from 'bullmq';
import type { Environment } from '../../config/environment';
import { DELIVERY_BACKOFF } from './delivery-backoff';
import { JobName } from './queue-names';

/**
 * Options a job gets beyond the queue defaults (8 attempts, exponential from 1 s). Deliveries
 * to outside services retry for longer, with a capped backoff the worker computes.
 */
export function jobOptionsFor(job: JobName, env: Pick<Environment, 'DELIVERY_MAX_ATTEMPTS'>): JobsOptions {
  switch (job) {
    case JobName.DeliverNotification:
      return { attempts: env.DELIVERY_MAX_ATTEMPTS, backoff: { type: DELIVERY_BACKOFF } };
    default:
      return {};
  }
}
