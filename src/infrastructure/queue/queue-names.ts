/** Every BullMQ queue of the platform (DESIGN.md §4). */
export enum QueueName {
  System = 'system',
  Notifications = 'notifications',
  Service = 'service',
  Deadlines = 'deadlines',
  Assignment = 'assignment',
  Archive = 'archive',
  Webhooks = 'webhooks',
}

/** Every job the platform runs. A start-up check insists on exactly one handler for each. */
export enum JobName {
  SystemPing = 'system.ping',
  /** Run one periodic sweep (its BullMQ job scheduler makes one such job per interval). */
  RunSweep = 'system.sweep',
  /** Deliver one notification on one channel: e-mail or SMS (in-app too, for jobs made before PushInApp). */
  DeliverNotification = 'notifications.deliver',
  /** Push one transaction's in-app notifications live to their people's open pages, and record it. */
  PushInApp = 'notifications.push-in-app',
  /** Fire a deadline's lifecycle event when it falls due (a stale job finds the row moved and does nothing). */
  FireDeadline = 'deadlines.fire',
  /** Remind the people who must act that a deadline is near. */
  RemindDeadline = 'deadlines.remind',
  /** Offer an accepted case to the best eligible mediator not yet tried (idempotent). */
  OfferCase = 'assignment.offer',
  /** File a closed case's message transcripts when its closing transaction could not prepare them (idempotent). */
  SealTranscripts = 'mediation.seal-transcripts',
  /** Seal a closed case into its archive, then mark it archived (idempotent, resumable). */
  ArchiveCase = 'archive.case',
  /** Send one agreement-signing code by e-mail or SMS; the code is derived at sending, never stored. */
  SendSignatureCode = 'agreements.send-signature-code',
  /** Remind a mediation session's participants shortly before it starts (a moved or cancelled session's job does nothing). */
  RemindSession = 'mediation.remind_session',
  /** Record that an offer lapsed at its expiry and tell both sides (idempotent; the API also treats it as lapsed). */
  ExpireOffer = 'mediation.expire-offer',
  /** Remind the obligated side that an obligation of a settlement falls due soon (docs/procedural-rules.md E24). */
  RemindObligation = 'performance.remind',
  /** Flag an obligation past due without confirmed performance and tell the mediator (docs/procedural-rules.md E24). */
  FlagOverdueObligation = 'performance.overdue',
  /** Send one webhook delivery to a court system, in its case's turn; a failure schedules the next attempt (idempotent). */
  DeliverWebhook = 'webhooks.deliver',
}

/** Which queue carries each job. Typed as a full record so a new job can't forget its queue. */
export const JOB_QUEUE: Readonly<Record<JobName, QueueName>> = {
  [JobName.SystemPing]: QueueName.System,
  [JobName.RunSweep]: QueueName.Deadlines,
  [JobName.DeliverNotification]: QueueName.Notifications,
  [JobName.PushInApp]: QueueName.Notifications,
  [JobName.FireDeadline]: QueueName.Deadlines,
  [JobName.RemindDeadline]: QueueName.Deadlines,
  [JobName.OfferCase]: QueueName.Assignment,
  [JobName.SealTranscripts]: QueueName.Archive,
  [JobName.ArchiveCase]: QueueName.Archive,
  [JobName.SendSignatureCode]: QueueName.Notifications,
  [JobName.RemindSession]: QueueName.Deadlines,
  [JobName.ExpireOffer]: QueueName.Deadlines,
  [JobName.RemindObligation]: QueueName.Deadlines,
  [JobName.FlagOverdueObligation]: QueueName.Deadlines,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
};
