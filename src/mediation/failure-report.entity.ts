import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HandOff } from './failure-report-document';
import type { CostRaisingConductEntry, TerminationReason } from './termination';

/** The failure report of a case whose mediation ended without agreement (docs/procedural-rules.md B8-B9). */
@Entity('failure_reports')
export class FailureReportRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The lifecycle event that ended the mediation: terminate, withdraw or period_expired. */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'text', array: true })
  reasons: TerminationReason[];

  @Column({ name: 'parties_concerned', type: 'jsonb' })
  partiesConcerned: { partyId: string; reason: TerminationReason }[];

  @Column({ type: 'text' })
  explanation: string;

  @Column({ name: 'cost_raising_conduct', type: 'jsonb' })
  costRaisingConduct: CostRaisingConductEntry[];

  /** The mediator who wrote it; null when the platform did (expiry, withdrawal). */
  @Column({ name: 'prepared_by', type: 'uuid', nullable: true })
  preparedBy: string | null;

  @Column({ name: 'prepared_at', type: 'timestamptz' })
  preparedAt: Date;

  @Column({ name: 'hand_off', type: 'text' })
  handOff: HandOff;

  /** The report's PDFs (one per language served). */
  @Column({ name: 'document_ids', type: 'uuid', array: true })
  documentIds: string[];
}
