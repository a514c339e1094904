import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SettlementAgreementContent } from './agreement-model';

/**
 * Where a frozen version stands (docs/procedural-rules.md C12): signatures are gathered on it while `signing`;
 * any change voids it (a new version is frozen); the last signature makes it `effective`.
 */
export enum AgreementVersionStatus {
  Signing = 'signing',
  Void = 'void',
  Effective = 'effective',
}

/**
 * One frozen version of a case's settlement agreement: the content every signature binds through
 * `hash`, the PDF it was rendered to, and, once effective, when. Judicial confirmation (D15) and
 * performance tracking (E24) read the effective version of a case.
 */
@Entity('agreement_versions')
export class AgreementVersionRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** 1, 2, … per case. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  content: SettlementAgreementContent;

  @Column({ name: 'hash_algorithm', type: 'text' })
  hashAlgorithm: string;

  /** agreementHash(version): what every signature binds. */
  @Column({ type: 'text' })
  hash: string;

  /** The frozen PDF (its SHA-256 is part of the hashed version). */
  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  /** Set by the mediator (docs/procedural-rules.md D19): a 确权 agreement cannot be judicially confirmed. */
  @Column({ name: 'confirms_ownership', type: 'boolean' })
  confirmsOwnership: boolean;

  @Column({ type: 'text' })
  status: AgreementVersionStatus;

  @Column({ name: 'frozen_at', type: 'timestamptz' })
  frozenAt: Date;

  @Column({ name: 'frozen_by', type: 'uuid' })
  frozenBy: string;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason: string | null;

  /** The last signature's time (docs/procedural-rules.md C12): starts the confirmation window and the schedule. */
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt: Date | null;

  /** The signed agreement served on the parties: the frozen text plus the signature page. */
  @Column({ name: 'signed_document_id', type: 'uuid', nullable: true })
  signedDocumentId: string | null;
}
