import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, QueueName } from './queue-names';

/** Adds jobs to the queue their name belongs to. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async add<T extends object>(name: JobName, data: T, options?: JobsOptions): Promise<Job> {
    return this.queue(JOB_QUEUE[name]).add(name, data, options);
  }

  async getJob(name: JobName, id: string): Promise<Job | undefined> {
    return this.queue(JOB_QUEUE[name]).getJob(id);
  }
}
