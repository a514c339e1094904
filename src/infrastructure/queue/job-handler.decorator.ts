import { SetMetadata } from '@nestjs/common';
import type { JobName } from './queue-names';

export const JOB_HANDLER_METADATA = 'accord:job-handler';

/**
 * Marks a provider method as the handler of one job. Handlers must be idempotent: BullMQ
 * delivers at least once, so a handler checks what is already done before doing it.
 */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
