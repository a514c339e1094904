import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import type { CourtLevel } from '../../organisations/organisation.entity';
import { ApplicationStatus, ConfirmationApplication } from '../confirmation-application.entity';
import { decisionDeadline } from '../confirmation-rules';
import { ConfirmationService } from '../confirmation.service';
import { confirmationCaseNumber, courtAbbreviation } from '../docket-number';

@Injectable()
export class DocketApplication {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly transitions: CaseTransitions,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The clerk (or a judge) of the court dockets the application with the next 调确 number of the court's year. */
  async run(user: AuthUser, applicationId: string): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      if (app.status !== ApplicationStatus.Lodged) throw new ConflictProblem(`The application is ${app.status}: only a lodged application is docketed`);
      const now = this.clock.now();
      const year = DateTime.fromJSDate(now, { zone: this.calendar.timeZone }).year;
      // One atomic upsert: concurrent dockets at one court take consecutive numbers, never the same.
      const [{ last_value: sequence }] = (await tx.query(
        `INSERT INTO confirmation_docket_sequences (court_id, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (court_id, year) DO UPDATE SET last_value = confirmation_docket_sequences.last_value + 1 RETURNING last_value`,
        [app.courtId, year],
      )) as { last_value: number }[];
      const [court] = (await tx.query(`SELECT region, court_level, court_code FROM organisations WHERE id = $1`, [app.courtId])) as {
        region: string | null;
        court_level: CourtLevel | null;
        court_code: string | null;
      }[];
      const docketNumber = confirmationCaseNumber({
        year,
        sequence,
        courtAbbreviation: courtAbbreviation({ region: court.region, level: court.court_level, courtCode: court.court_code }),
      });
      const decision = decisionDeadline(now, this.calendar, { days: this.config.get('COURT_DECISION_DAYS') });
      await this.transitions.fire(
        {
          caseId: c.id,
          event: CaseEvent.CourtDocket,
          actor: { kind: 'user', user },
          payload: { applicationId, docketNumber, decisionDueAt: decision.dueAt.toISOString(), dueAt: decision.dueAt.toISOString() },
          triggers: ['feature'],
        },
        tx,
      );
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        {
          status: ApplicationStatus.Docketed,
          docketedAt: now,
          docketedBy: user.id,
          docketYear: year,
          docketSequence: sequence,
          docketNumber,
          decisionDueAt: decision.dueAt,
          decisionLastDay: decision.lastDay,
          updatedAt: now,
        },
      );
    });
  }
}
