import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, QueueName } from './queue-names';

/** While Redis is away every queue reports each reconnection attempt: say so once in a while. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/** Adds jobs to the queue their name belongs to. */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly logger = new Logger(JobQueue.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      let lastLogged = 0;
      // Without a listener BullMQ prints every connection error to the console.
      this.queue(name).on('error', (error: Error) => {
        if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
        lastLogged = Date.now();
        this.logger.warn({ queue: name, err: error }, 'queue connection error (repeats are silenced for 30 s)');
      });
    }
  }

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
