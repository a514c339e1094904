import { PartySide } from '../cases/entities/case-party.entity';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { Audience } from '../notifications/lifecycle-notifications';
import type { ObligationSummary } from '../notifications/notification-templates';
import type { ObligationStatus, PerformanceEvent, TrackedObligation } from './performance-rules';
import type { PerformanceEventRecord, PerformanceItem } from './performance-item.entity';

/** States in which an effective agreement is being performed (and so tracked). */
export const PERFORMING: readonly CaseStatus[] = [
  CaseStatus.Settled,
  CaseStatus.ConfirmationRequested,
  CaseStatus.UnderCourtReview,
  CaseStatus.ConfirmationRejected,
  CaseStatus.Confirmed,
];

export interface ItemState {
  item: PerformanceItem;
  events: PerformanceEventRecord[];
  status: ObligationStatus;
}

/** A stored item as the pure rules see it. */
export const tracked = (i: PerformanceItem): TrackedObligation => ({
  id: i.itemKey,
  obligationId: i.obligationId,
  instalment: i.instalment,
  kind: i.kind,
  obligorSide: i.obligorSide,
  beneficiarySide: i.beneficiarySide,
  lastDay: i.lastDay,
  dueAt: i.dueAt,
});

/** A stored event as the pure rules see it. */
export const asEvent = (i: PerformanceItem, e: PerformanceEventRecord): PerformanceEvent =>
  e.type === 'reported'
    ? { type: 'reported', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side, documentIds: e.documentIds, note: e.note }
    : e.type === 'confirmed'
      ? { type: 'confirmed', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side }
      : { type: 'disputed', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side, reason: e.reason ?? '' };

/** What a notification names of the item; it is worded and formatted in each reader's language when rendered. */
export const obligationSummary = (i: PerformanceItem): ObligationSummary =>
  i.kind === 'money' ? { kind: 'money', amount: i.amount ?? '0', currency: i.currency ?? 'CNY', lastDay: i.lastDay } : { kind: 'act', act: i.act ?? '', lastDay: i.lastDay };

export const sideAudience = (side: PartySide): Audience => (side === PartySide.Applicant ? Audience.ApplicantSide : Audience.RespondentSide);
