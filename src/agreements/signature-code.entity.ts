import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CodeChannel } from './signature-codes';
import type { SignerRole } from './signatures';

/**
 * One one-time code issued to one signer for one version (docs/procedural-rules.md C12). The code itself is not
 * stored: only its salted hash (to verify it) and its id (from which the sender derives it).
 */
@Entity('signature_codes')
export class SignatureCode {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'signer_id', type: 'uuid' })
  signerId: string;

  @Column({ name: 'signer_role', type: 'text' })
  signerRole: SignerRole;

  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ type: 'text' })
  channel: CodeChannel;

  /** Where it is sent: the account's phone or e-mail when it was issued. */
  @Column({ type: 'text' })
  address: string;

  /** The address masked, as shown to the signer and kept in the signature record. */
  @Column({ type: 'text' })
  destination: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'text' })
  salt: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts: number;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** A newer code for the same signer and version replaced this one. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ name: 'requested_ip', type: 'text', nullable: true })
  requestedIp: string | null;

  @Column({ name: 'requested_user_agent', type: 'text', nullable: true })
  requestedUserAgent: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivery_status', type: 'text' })
  deliveryStatus: 'pending' | 'sent' | 'failed';

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError: string | null;
}
