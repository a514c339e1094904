import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineKind } from './deadline-kinds';

/**
 * A running timer of a case. The row is the truth; the delayed BullMQ job that fires it only
 * says "look at me then": a job whose due time no longer matches the row (paused, extended,
 * cancelled, fired) does nothing, and the sweep fires any due deadline whose job was lost.
 */
@Entity('deadlines')
export class Deadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  kind: DeadlineKind;

  /** The lifecycle event fired when it falls due. */
  @Column({ type: 'text' })
  event: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** While paused, `remainingMs` is what is left; resuming sets `dueAt` to now plus that. */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ name: 'remaining_ms', type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  remainingMs: number | null;

  /** Total time added by extensions. */
  @Column({ name: 'extended_by_ms', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  extendedByMs: number;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  /** `job` (its delayed job) or `sweep` (the job was lost or late). */
  @Column({ name: 'fired_by', type: 'text', nullable: true })
  firedBy: 'job' | 'sweep' | null;

  /** `fired`, or why the transition was refused (the case had moved on). */
  @Column({ name: 'fire_result', type: 'text', nullable: true })
  fireResult: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
