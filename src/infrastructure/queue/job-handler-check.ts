import { JobName } from './queue-names';

export interface FoundHandler {
  job: string;
  /** `ClassName.method`, for the error message. */
  location: string;
}

/**
 * Every declared job must have exactly one handler, and every handler must handle a declared
 * job. Returns the problems; an empty list means the registry is sound.
 */
export function checkJobHandlers(found: FoundHandler[], declared: string[] = Object.values(JobName)): string[] {
  const problems: string[] = [];
  for (const job of declared) {
    const handlers = found.filter((h) => h.job === job);
    if (handlers.length === 0) problems.push(`job "${job}" has no handler`);
    if (handlers.length > 1) {
      problems.push(`job "${job}" has ${handlers.length} handlers: ${handlers.map((h) => h.location).join(', ')}`);
    }
  }
  for (const h of found) {
    if (!declared.includes(h.job)) problems.push(`${h.location} handles "${h.job}", which is not a declared job`);
  }
  return problems;
}
