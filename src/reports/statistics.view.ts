import { ApiProperty } from '@nestjs/swagger';
import { RATE_DEFINITIONS } from './statistics-rates';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class StatisticsPeriodView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
}

export class ReceivedView {
  /** Cases received in the period: submitted online or referred by a court (their `submittedAt`). */
  total: number;
  /** Cases received by source (online application, court referral…). */
  @ApiProperty({ ...COUNTS, description: 'Cases received by source (online_application, court_referral).' }) bySource: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'Cases received by dispute type (patent, trademark…).' }) byDisputeType: Record<string, number>;
}

export class MediatorStatisticsView {
  mediatorId: string;
  name: string;
  /** Cases the mediator is working on now (the workload the assignment counts). */
  openCases: number;
  /** Open cases the mediator takes at most. */
  capacity: number;
  /** Cases the mediator closed in the period, by outcome. */
  @ApiProperty(COUNTS) closed: Record<string, number>;
}

/**
 * Statistics for a period (issues 10 and 20): the platform for administrators, their courts' cases
 * for court staff, their own cases for mediators; `courtId` narrows to one court.
 */
export class PlatformStatisticsView {
  @ApiProperty({ type: StatisticsPeriodView }) period: StatisticsPeriodView;
  @ApiProperty({ enum: ['platform', 'courts', 'mediator'], description: "Whose cases are counted: the whole platform, some courts' cases, or one mediator's cases." })
  scope: 'platform' | 'courts' | 'mediator';
  @ApiProperty({ type: ReceivedView }) received: ReceivedView;
  /** Cases accepted at intake in the period. */
  accepted: number;
  /** Cases whose settlement agreement took effect in the period. */
  settled: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.222, description: RATE_DEFINITIONS.successRate }) successRate: number | null;
  /** Cases whose agreement a court confirmed in the period. */
  confirmed: number;
  /** Cases closed in the period as performed (outcome `fulfilled`). */
  performed: number;
  /** Cases closed in the period as defaulted (a party did not perform). */
  defaulted: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.987, description: RATE_DEFINITIONS.voluntaryPerformanceRate }) voluntaryPerformanceRate: number | null;
  @ApiProperty({ ...COUNTS, description: 'Cases closed in the period, by outcome.' }) closedByOutcome: Record<string, number>;
  /** Median days between the steps (submissionToAcceptance, acceptanceToMediatorAccept, mediationToAgreement, agreementToConfirmation); null without cases. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) medianDays: Record<string, number | null>;
  /** Statutory deadlines that ran out in the period. */
  deadlinesMissed: number;
  /** Running deadlines already past their due time now. */
  deadlinesOverdueNow: number;
  @ApiProperty({ type: [MediatorStatisticsView] }) mediators: MediatorStatisticsView[];
}
