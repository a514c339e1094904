import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Side } from '../room-people';
import type { SessionKind, SessionStatus } from './session-rules';

/**
 * A joint session or a caucus of a case (docs/procedural-rules.md B11), held by video meeting; its record is
 * written by the mediator afterwards, confirmed online by those who attended, then frozen as a
 * confidential PDF.
 */
@Entity('mediation_sessions')
export class MediationSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  kind: SessionKind;

  /** The side of a caucus; null for a joint session. */
  @Column({ type: 'text', nullable: true })
  side: Side | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  status: SessionStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  @Column({ name: 'meeting_url', type: 'text' })
  meetingUrl: string;

  /** The mediator who scheduled it (the case's mediator then). */
  @Column({ name: 'mediator_id', type: 'uuid' })
  mediatorId: string;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** 0 until the mediator writes the record; each rewrite is a new revision, confirmed afresh. */
  @Column({ name: 'record_revision', type: 'int', default: 0 })
  recordRevision: number;

  @Column({ name: 'record_text', type: 'text', nullable: true })
  recordText: string | null;

  @Column({ name: 'record_hash', type: 'text', nullable: true })
  recordHash: string | null;

  @Column({ name: 'record_written_at', type: 'timestamptz', nullable: true })
  recordWrittenAt: Date | null;

  @Column({ name: 'record_frozen_at', type: 'timestamptz', nullable: true })
  recordFrozenAt: Date | null;

  @Column({ name: 'record_document_id', type: 'uuid', nullable: true })
  recordDocumentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Who joined a session (when, from which address) or was marked absent by the mediator. */
@Entity('mediation_attendance')
export class MediationAttendance {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  status: 'joined' | 'absent';

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'marked_by', type: 'uuid', nullable: true })
  markedBy: string | null;

  @Column({ name: 'marked_at', type: 'timestamptz', nullable: true })
  markedAt: Date | null;
}

/** One participant's online confirmation of one revision of a session record (docs/procedural-rules.md B11). */
@Entity('mediation_record_confirmations')
export class RecordConfirmation {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ type: 'int' })
  revision: number;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'record_hash', type: 'text' })
  recordHash: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt: Date;

  @Column({ type: 'text', nullable: true })
  ip: string | null;
}

/** A party's or agent's acknowledgement of the sham-mediation warning for one case (docs/procedural-rules.md A6). */
@Entity('mediation_warning_acknowledgements')
export class WarningAcknowledgement {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'warning_version', type: 'text' })
  warningVersion: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz' })
  acknowledgedAt: Date;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;
}
