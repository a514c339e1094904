import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../common/text-fields';
import { DocumentIds } from '../documents/document-ids.decorator';
import type { ItemState } from './performance-items';
import type { PerformanceOverview } from './performance-reader';

export class ReportPerformanceRequest {
  @DocumentIds('Proof of performance: documents of the case uploaded as kind `performance_proof`', 20)
  documentIds: string[];

  @OptionalText()
  note?: string;
}

export class DisputePerformanceRequest {
  /** Why the reported performance is not accepted. */
  @RequiredText('reason must say why the performance is disputed (at least 3 characters)')
  reason: string;
}

export class DeclareDefaultRequest {
  @RequiredText('reason must say what was not performed (at least 3 characters)')
  reason: string;

  @ApiPropertyOptional({ description: 'The case version you saw; 409 when it changed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class PerformanceEventView {
  @ApiProperty({ enum: ['reported', 'confirmed', 'disputed'] }) type: string;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
  @ApiProperty() side: string;
  @ApiProperty({ type: [String] }) documentIds: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}

export class PerformanceItemView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The obligation id, or `<id>#<n>` for its n-th instalment' }) key: string;
  @ApiProperty() obligationId: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) instalment: number | null;
  @ApiProperty({ enum: ['money', 'act'] }) kind: string;
  @ApiProperty() obligorSide: string;
  @ApiProperty() beneficiarySide: string;
  @ApiPropertyOptional({ nullable: true, type: String }) amount: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) currency: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) act: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'Last local day for performance' }) lastDay: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ enum: ['pending', 'reported', 'confirmed', 'disputed', 'overdue'] }) status: string;
  @ApiProperty({ description: 'Flagged overdue (the mediator was told)' }) overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) overdueFlaggedAt: string | null;
  @ApiProperty({ type: [PerformanceEventView] }) events: PerformanceEventView[];

  static of(s: ItemState): PerformanceItemView {
    const i = s.item;
    return {
      id: i.id,
      key: i.itemKey,
      obligationId: i.obligationId,
      instalment: i.instalment,
      kind: i.kind,
      obligorSide: i.obligorSide,
      beneficiarySide: i.beneficiarySide,
      amount: i.amount,
      currency: i.currency,
      act: i.act,
      description: i.description,
      lastDay: i.lastDay,
      dueAt: i.dueAt.toISOString(),
      status: s.status,
      overdue: i.overdueFlaggedAt !== null,
      overdueFlaggedAt: i.overdueFlaggedAt?.toISOString() ?? null,
      events: s.events.map((e) => ({ type: e.type, at: e.at.toISOString(), by: e.by, side: e.side, documentIds: e.documentIds, note: e.note, reason: e.reason })),
    };
  }
}

export class EnforcementWindowView {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The court to apply to: the one that confirmed the agreement' }) courtId: string | null;
  @ApiProperty({ description: 'Last day of the performance period (or of the last instalment)' }) countedFrom: string;
  @ApiProperty({ description: 'Last day on which enforcement may be applied for (CPL 250)' }) lastDay: string;
  @ApiProperty() endsAt: string;
}

export class DefaultView {
  @ApiProperty() declaredBy: string;
  @ApiProperty() declaredRole: string;
  @ApiProperty() declaredAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String] }) overdueItemIds: string[];
  @ApiProperty({ description: 'The agreement had been judicially confirmed' }) confirmed: boolean;
  @ApiPropertyOptional({ nullable: true, type: EnforcementWindowView }) enforcementWindow: EnforcementWindowView | null;
}

export class PerformanceView {
  @ApiProperty() caseId: string;
  @ApiProperty() caseStatus: string;
  @ApiProperty({ type: [PerformanceItemView] }) items: PerformanceItemView[];
  @ApiProperty() allPerformed: boolean;
  @ApiPropertyOptional({ nullable: true, type: DefaultView }) default: DefaultView | null;

  static of(o: PerformanceOverview): PerformanceView {
    const d = o.defaultDeclared;
    return {
      caseId: o.caseId,
      caseStatus: o.caseStatus,
      items: o.items.map(PerformanceItemView.of),
      allPerformed: o.allPerformed,
      default: d
        ? {
            declaredBy: d.declaredBy,
            declaredRole: d.declaredRole,
            declaredAt: d.declaredAt.toISOString(),
            reason: d.reason,
            overdueItemIds: d.overdueItemIds,
            confirmed: d.confirmed,
            enforcementWindow: d.enforcementLastDay
              ? { courtId: d.enforcementCourtId, countedFrom: d.enforcementCountedFrom!, lastDay: d.enforcementLastDay, endsAt: d.enforcementEndsAt!.toISOString() }
              : null,
          }
        : null,
    };
  }
}
