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

/** A mediator a party may nominate: active, taking this kind of dispute, with no conflict in this case. */
export class NominationCandidateView {
  userId: string;
  displayName: string;
  /** BCP 47 tags the mediator can mediate in. */
  languages: string[];
  disputeTypes: string[];
  /** 1 junior, 2 experienced, 3 senior. */
  seniority: number;
}

/** Where the joint nomination of a case stands, for one party (who the other side named stays hidden). */
export class NominationStateView {
  /** Nominations are taken while the case is being assigned and the window has not ended. */
  open: boolean;
  @ApiProperty({ format: 'date-time', type: String }) windowEndsAt: string;
  /** The mediator my side named, if any. */
  @ApiProperty({ nullable: true, type: String }) myNomination: string | null;
  otherSideNominated: boolean;
  /** Both sides named the same mediator in time: that mediator is offered the case. */
  agreed: boolean;
  @ApiProperty({ type: [NominationCandidateView] }) candidates: NominationCandidateView[];
}
