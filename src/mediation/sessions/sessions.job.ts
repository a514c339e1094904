import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Case } from '../../cases/entities/case.entity';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { JobHandler } from '../../infrastructure/queue/job-handler.decorator';
import { JobName } from '../../infrastructure/queue/queue-names';
import { SESSION_TEMPLATES } from '../../notifications/notification-templates';
import { loadRoomPeople, roomUserIds } from '../room-people';
import { MediationSession } from './session.entity';
import { SessionStatus, sidesOf } from './session-rules';
import { MediationSessions, type SessionReminderJob } from './sessions.service';

@Injectable()
export class SessionReminders {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: MediationSessions,
  ) {}

  /** The reminder before a session: a moved, cancelled or started session's job does nothing. */
  @JobHandler(JobName.RemindSession)
  async remind(job: Job<SessionReminderJob>): Promise<{ reminded: number } | { skipped: string }> {
    const s = await this.db.getRepository(MediationSession).findOne({ where: { id: job.data.sessionId } });
    if (!s || s.status !== SessionStatus.Scheduled) return { skipped: 'the session is no longer scheduled' };
    if (s.startsAt.toISOString() !== job.data.startsAt) return { skipped: 'the session moved' };
    return this.db.transaction(async (tx) => {
      const c = await tx.findOneByOrFail(Case, { id: s.caseId });
      if (c.status !== CaseStatus.Mediating) return { skipped: `the case is ${c.status}` };
      const people = await loadRoomPeople(tx, c);
      const ids = await this.sessions.tell(
        tx,
        c,
        s,
        SESSION_TEMPLATES.reminder,
        roomUserIds(people, sidesOf(s.kind, s.side), c.mediatorId),
        {},
        `session-reminder:${s.id}:${s.startsAt.getTime()}`,
      );
      return { reminded: ids.length };
    });
  }
}
