/** Every BullMQ queue of the platform (DESIGN.md §4). */
export enum QueueName {
  System = 'system',
  Notifications = 'notifications',
  Service = 'service',
  Deadlines = 'deadlines',
  Assignment = 'assignment',
  Archive = 'archive',
}

/** Every job the platform runs. A start-up check insists on exactly one handler for each. */
export enum JobName {
  SystemPing = 'system.ping',
}

/** Which queue carries each job. Typed as a full record so a new job can't forget its queue. */
export const JOB_QUEUE: Readonly<Record<JobName, QueueName>> = {
  [JobName.SystemPing]: QueueName.System,
};
