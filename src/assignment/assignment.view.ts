import { ApiProperty } from '@nestjs/swagger';

/** An open offer in a mediator's work queue. */
export class QueueOfferView {
  offerId: string;
  caseId: string;
  number: string;
  title: string;
  disputeType: string;
  /** The last moment to accept; silence passes the case to the next candidate. */
  @ApiProperty({ format: 'date-time', type: String }) dueAt: string | Date;
  round: number;
}

/** One of a mediator's open cases in its work queue. */
export class QueueCaseView {
  caseId: string;
  number: string;
  title: string;
  status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextDeadline: string | Date | null;
  overdue: boolean;
}

/** A mediator's work queue: open offers (soonest due first), then its cases by next deadline. */
export class MediatorQueueView {
  @ApiProperty({ type: [QueueOfferView] }) offers: QueueOfferView[];
  @ApiProperty({ type: [QueueCaseView] }) cases: QueueCaseView[];
}

/** A case waiting for an administrator: flagged for manual assignment, or with no offer out. */
export class UnassignedCaseView {
  caseId: string;
  number: string;
  title: string;
  disputeType: string;
  needsManualAssignment: boolean;
  @ApiProperty({ format: 'date-time', type: String }) since: string | Date;
  offersMade: number;
}

/** A mediator's load against its capacity. */
export class WorkloadView {
  mediatorId: string;
  name: string;
  active: boolean;
  openCases: number;
  capacity: number;
  assignmentsLast30Days: number;
  pendingOffers: number;
  declined: number;
}

/** A party's nomination, recorded; `agreed` when both sides named the same mediator in time (it is offered the case). */
export class NominationView {
  agreed: boolean;
}
