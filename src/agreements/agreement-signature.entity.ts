import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SignerRole } from './signatures';

/**
 * An electronic signature on one frozen version (docs/procedural-rules.md C12; ESL 13): the SignatureRecord of
 * signatures.ts as stored, with its digest. Void when its version is voided by a change.
 */
@Entity('agreement_signatures')
export class AgreementSignature {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'signer_id', type: 'uuid' })
  signerId: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName: string;

  @Column({ name: 'signer_role', type: 'text' })
  signerRole: SignerRole;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ name: 'agreement_hash', type: 'text' })
  agreementHash: string;

  @Column({ name: 'hash_algorithm', type: 'text' })
  hashAlgorithm: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'text' })
  ip: string;

  @Column({ name: 'user_agent', type: 'text' })
  userAgent: string;

  @Column({ name: 'code_id', type: 'uuid' })
  codeId: string;

  @Column({ name: 'code_channel', type: 'text' })
  codeChannel: 'sms' | 'email';

  @Column({ name: 'code_destination', type: 'text' })
  codeDestination: string;

  @Column({ name: 'code_verified_at', type: 'timestamptz' })
  codeVerifiedAt: Date;

  /** signatureDigest of the record: any later change of a field is detectable. */
  @Column({ type: 'text' })
  digest: string;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;
}
