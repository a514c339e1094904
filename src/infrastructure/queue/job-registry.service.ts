import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER_METADATA } from './job-handler.decorator';
import { checkJobHandlers, type FoundHandler } from './job-handler-check';

type Handler = (job: Job) => Promise<unknown>;

/** Finds every @JobHandler at start-up and refuses to start unless each job has exactly one. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: (FoundHandler & { handler: Handler })[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const job = this.reflector.get<string | undefined>(JOB_HANDLER_METADATA, fn as Handler);
        if (!job) continue;
        found.push({ job, location: `${instance.constructor.name}.${method}`, handler: (fn as Handler).bind(instance) });
      }
    }
    const problems = checkJobHandlers(found);
    if (problems.length > 0) throw new Error(`Job registry: ${problems.join('; ')}`);
    for (const h of found) this.handlers.set(h.job, h.handler);
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    // Unreachable after the start-up check, unless a job was enqueued by another version.
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler(job);
  }
}
