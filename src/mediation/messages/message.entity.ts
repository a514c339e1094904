import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MediationChannel } from './channels';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * A message of the mediation room. Mediation content (docs/procedural-rules.md B10): it never enters the case's
 * event chain, search text, notifications or exports; only the channel's members read it.
 */
@Entity('mediation_messages')
export class MediationMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Order of posting (an identity column); the cursor and the read markers use it. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintNumber })
  seq: number;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  channel: MediationChannel;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** What the author was to the case when posting: mediator, applicant, respondent_agent… */
  @Column({ name: 'author_role', type: 'text' })
  authorRole: string;

  @Column({ type: 'text' })
  text: string;

  /** Case documents attached (each visible to everyone in the channel when attached). */
  @Column({ name: 'attachment_ids', type: 'uuid', array: true, default: () => `'{}'` })
  attachmentIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** How far one person has read one channel of one case. */
@Entity('mediation_channel_reads')
export class ChannelRead {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'text' })
  channel: MediationChannel;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'last_read_seq', type: 'bigint', transformer: bigintNumber })
  lastReadSeq: number;
}
