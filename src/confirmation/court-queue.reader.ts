import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ApplicationStatus, ConfirmationApplication } from './confirmation-application.entity';

export interface QueueEntry {
  application: ConfirmationApplication;
  caseNumber: string;
  caseTitle: string;
  courtName: string;
  /** The court's own next deadline: docketing while lodged, deciding once docketed. */
  courtDueAt: Date | null;
  /** The parties' deadline for material the court asked for, while awaited. */
  supplementDueAt: Date | null;
}

/** The court's queue of confirmation applications. */
@Injectable()
export class CourtQueueReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Applications lodged with the person's courts, the most urgent first. */
  async queue(user: AuthUser, include: 'open' | 'all'): Promise<QueueEntry[]> {
    const courts = user.memberships.map((m) => m.organisationId);
    if (courts.length === 0) return [];
    const statuses =
      include === 'open' ? [ApplicationStatus.Lodged, ApplicationStatus.Docketed] : Object.values(ApplicationStatus).filter((s) => s !== ApplicationStatus.CollectingConsents);
    const rows = (await this.db.query(
      `SELECT a.id, c.number, c.title, o.name AS court_name,
              (SELECT min(s.due_at) FROM supplement_requests s WHERE s.application_id = a.id AND s.supplemented_at IS NULL AND s.expired_at IS NULL) AS supplement_due_at
       FROM confirmation_applications a JOIN cases c ON c.id = a.case_id JOIN organisations o ON o.id = a.court_id
       WHERE a.court_id = ANY($1::uuid[]) AND a.status = ANY($2::text[])
       ORDER BY CASE a.status WHEN 'lodged' THEN a.docket_due_at WHEN 'docketed' THEN a.decision_due_at END ASC NULLS LAST, a.lodged_at DESC
       LIMIT 500`,
      [courts, statuses],
    )) as { id: string; number: string; title: string; court_name: string; supplement_due_at: Date | null }[];
    const apps = rows.length ? await this.db.getRepository(ConfirmationApplication).findBy({ id: In(rows.map((r) => r.id)) }) : [];
    return rows.map((r) => {
      const application = apps.find((a) => a.id === r.id)!;
      return {
        application,
        caseNumber: r.number,
        caseTitle: r.title,
        courtName: r.court_name,
        courtDueAt:
          application.status === ApplicationStatus.Lodged ? application.docketDueAt : application.status === ApplicationStatus.Docketed ? application.decisionDueAt : null,
        supplementDueAt: r.supplement_due_at,
      };
    });
  }
}
