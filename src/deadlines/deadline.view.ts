import { ApiProperty } from '@nestjs/swagger';
import type { Deadline } from './deadline.entity';

export class DeadlineView {
  id: string;
  kind: string;
  /** The lifecycle event fired when it falls due. */
  event: string;
  dueAt: string;
  @ApiProperty({ enum: ['running', 'paused', 'fired', 'cancelled'] })
  state: 'running' | 'paused' | 'fired' | 'cancelled';
  @ApiProperty({ nullable: true, type: Number })
  remainingMs: number | null;
  extendedByMs: number;
  @ApiProperty({ nullable: true, type: String })
  firedAt: string | null;
  @ApiProperty({ nullable: true, type: String })
  fireResult: string | null;
  @ApiProperty({ nullable: true, type: String })
  cancelledAt: string | null;

  static of(d: Deadline): DeadlineView {
    return {
      id: d.id,
      kind: d.kind,
      event: d.event,
      dueAt: d.dueAt.toISOString(),
      state: d.firedAt ? 'fired' : d.cancelledAt ? 'cancelled' : d.pausedAt ? 'paused' : 'running',
      remainingMs: d.remainingMs,
      extendedByMs: d.extendedByMs,
      firedAt: d.firedAt?.toISOString() ?? null,
      fireResult: d.fireResult,
      cancelledAt: d.cancelledAt?.toISOString() ?? null,
    };
  }
}
