import { ApiProperty } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class StatisticsPeriodView {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
}

export class ReceivedView {
  total: number;
  /** Cases received by source (online application, court referral…). */
  @ApiProperty(COUNTS) bySource: Record<string, number>;
  @ApiProperty(COUNTS) byDisputeType: Record<string, number>;
}

export class MediatorStatisticsView {
  mediatorId: string;
  name: string;
  openCases: number;
  capacity: number;
  /** Cases the mediator closed in the period, by outcome. */
  @ApiProperty(COUNTS) closed: Record<string, number>;
}

/** Platform statistics (issue 10): the platform for administrators, their courts' cases for court staff. */
export class PlatformStatisticsView {
  @ApiProperty({ type: StatisticsPeriodView }) period: StatisticsPeriodView;
  @ApiProperty({ enum: ['platform', 'courts'] }) scope: 'platform' | 'courts';
  @ApiProperty({ type: ReceivedView }) received: ReceivedView;
  accepted: number;
  settled: number;
  /** Settled ÷ received in the period; null when nothing was received. */
  @ApiProperty({ nullable: true, type: Number }) successRate: number | null;
  confirmed: number;
  performed: number;
  defaulted: number;
  /** Performed ÷ (performed + defaulted): settlements honoured without enforcement. */
  @ApiProperty({ nullable: true, type: Number }) voluntaryPerformanceRate: number | null;
  @ApiProperty(COUNTS) closedByOutcome: Record<string, number>;
  /** Median days between the steps (submissionToAcceptance, acceptanceToMediatorAccept, mediationToAgreement, agreementToConfirmation); null without cases. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) medianDays: Record<string, number | null>;
  /** Statutory deadlines that ran out in the period. */
  deadlinesMissed: number;
  /** Running deadlines already past their due time now. */
  deadlinesOverdueNow: number;
  @ApiProperty({ type: [MediatorStatisticsView] }) mediators: MediatorStatisticsView[];
}
