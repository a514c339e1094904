import { ApiProperty } from '@nestjs/swagger';
import { OfferSource } from './assignment-offer.entity';
import { HardFilter } from './matcher';
import type { Track } from './triage';

/** One part of the matcher's score for the offered mediator. */
export class OfferScorePartView {
  @ApiProperty({ enum: ['expertise', 'workload', 'successRate', 'fairness'] }) name: 'expertise' | 'workload' | 'successRate' | 'fairness';
  /** The part's share of the whole score. */
  weight: number;
  /** In [0, 1]: how well the mediator did on this part. */
  value: number;
}

/** Why this mediator was offered the case (its own score and filters; nothing about other mediators). */
export class OfferExplanationView {
  @ApiProperty({ enum: OfferSource }) source: OfferSource;
  @ApiProperty({ enum: ['fast', 'standard', 'complex'], nullable: true, type: String }) track: Track | null;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ type: [OfferScorePartView] }) parts: OfferScorePartView[];
  /** The hard filters the mediator passed. */
  @ApiProperty({ enum: HardFilter, isArray: true }) filtersPassed: string[];
  /** An administrator's reason for offering the case by hand. */
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

/** A party or agent of an offered case: whom the conflict-of-interest disclosure is about. */
export class OfferedCasePersonView {
  @ApiProperty({ enum: ['applicant', 'respondent'] }) side: 'applicant' | 'respondent';
  @ApiProperty({ enum: ['party', 'agent'] }) role: 'party' | 'agent';
  name: string;
  /** An agent's law firm. */
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
}

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
  @ApiProperty({ type: OfferExplanationView }) explanation: OfferExplanationView;
  /** The parties and agents, so the mediator can check for a conflict before accepting. */
  @ApiProperty({ type: [OfferedCasePersonView] }) people: OfferedCasePersonView[];
}

/** One of a mediator's open cases in its work queue. */
export class QueueCaseView {
  caseId: string;
  number: string;
  title: string;
  status: string;
  disputeType: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextDeadline: string | Date | null;
  /** What the next deadline is for (deadline kind), when there is one. */
  @ApiProperty({ nullable: true, type: String }) nextDeadlineKind: string | null;
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
  /** The end of the window (the `joint_nomination` deadline); null for a case accepted before it was one. */
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) windowEndsAt: string | null;
  /** The mediator my side named, if any. */
  @ApiProperty({ nullable: true, type: String }) myNomination: string | null;
  otherSideNominated: boolean;
  /** Both sides named the same mediator in time: that mediator is offered the case. */
  agreed: boolean;
  @ApiProperty({ type: [NominationCandidateView] }) candidates: NominationCandidateView[];
}
