import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgreementDraftContent } from './agreement-drafting';

/** The mediator's working draft of a case's agreement; proposing it freezes a version. */
@Entity('agreement_drafts')
export class AgreementDraft {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'jsonb' })
  content: AgreementDraftContent;

  /** Rises with every edit; an edit names the revision it started from (409 when stale). */
  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
