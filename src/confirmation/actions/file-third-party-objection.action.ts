import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { caseRolesFor, mayObjectAsThirdParty } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { Case } from '../../cases/entities/case.entity';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem } from '../../common/errors/problem';
import { requireUnchanged, retryStaleReads } from '../../common/stale-read';
import type { Environment } from '../../config/environment';
import { DocumentKind } from '../../documents/document.entity';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import { ConfirmationApplication } from '../confirmation-application.entity';
import { objectionDocument, type ObjectionInput } from '../court-procedure-documents';
import { knewOnProblem, objectionLate, thirdPartyObjectionWindow } from '../court-procedure-rules';
import { CourtProcedureService, ObjectionWindowPassedProblem } from '../court-procedure.service';
import { RulingObjection } from '../ruling-objection.entity';
import { RULED } from './file-objection.action';

export interface ThirdPartyObjectionBody {
  docketNumber: string;
  courtId?: string;
  interest: string;
  knewOn: string;
  text: string;
}

/** The actor role a third party's entries carry in the timeline: it has no role in the case. */
const THIRD_PARTY = 'third_party';

@Injectable()
export class FileThirdPartyObjection {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly procedure: CourtProcedureService,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Anyone registered who is nothing to the case objects to a ruling, named by its 调确 number, as an interested
   * third party (Interp. 372; docs/procedural-rules.md D23): with the interest it claims and the day it knew of the
   * harm, within THIRD_PARTY_OBJECTION_MONTHS of that day. Served on the court, which reviews the interest.
   */
  async run(user: AuthUser, body: ThirdPartyObjectionBody): Promise<{ objection: RulingObjection; docketNumber: string }> {
    return retryStaleReads(async () => {
      const now = this.clock.now();
      const id = randomUUID();
      const rulings = await this.db.getRepository(ConfirmationApplication).find({
        where: { docketNumber: body.docketNumber.trim(), status: In([...RULED]), decidedAt: Not(IsNull()), ...(body.courtId ? { courtId: body.courtId } : {}) },
        take: 2,
      });
      if (rulings.length === 0) throw new NotFoundProblem(`No ruling with the number ${body.docketNumber}`);
      if (rulings.length > 1)
        throw new ValidationProblem([{ field: 'courtId', rule: 'required', message: `courtId must name the court: more than one ruling has the number ${body.docketNumber}` }]);
      const [found] = rulings;
      const read = await this.objectable(this.db.manager, user, found, body, id, now);
      const prepared = await this.procedure.prepare(
        read.c,
        DocumentKind.RulingObjection,
        ['zh-CN'],
        (lang) => ({ doc: objectionDocument(read.facts.document, lang), filename: `异议申请书-${found.docketNumber}.pdf` }),
        { id: user.id, role: THIRD_PARTY },
      );
      const objection = await this.db.transaction(async (tx) => {
        await this.events.lockCase(tx, found.caseId);
        const app = await tx.findOneByOrFail(ConfirmationApplication, { id: found.id });
        const locked = await this.objectable(tx, user, app, body, id, now);
        requireUnchanged(read.facts, locked.facts, locked.c.version);
        const doc = locked.facts.document;
        return this.procedure.serveObjection(tx, {
          case: locked.c,
          app,
          prepared,
          user,
          role: THIRD_PARTY,
          objection: {
            id,
            kind: 'third_party',
            partyId: null,
            objectorName: doc.objector,
            interest: doc.interest,
            knewOn: doc.knewOn,
            text: doc.text,
            attachmentIds: [],
            windowLastDay: doc.windowLastDay,
            filedAt: now,
          },
        });
      });
      return { objection, docketNumber: found.docketNumber! };
    });
  }

  /** Whether this person may object as a third party now, and what the objection prints, read through `manager`. */
  private async objectable(manager: EntityManager, user: AuthUser, app: ConfirmationApplication, body: ThirdPartyObjectionBody, id: string, now: Date) {
    const c = await manager.findOneByOrFail(Case, { id: app.caseId });
    if (!mayObjectAsThirdParty(caseRolesFor(user, await this.access.facts(c, manager)))) {
      throw new ForbiddenProblem(
        `You have a part in this case: a party or its agent objects as a party (POST /confirmation-applications/${app.id}/objections); the mediator, the court and administrators do not object`,
      );
    }
    const problem = knewOnProblem(body.knewOn, this.calendar.localDate(app.decidedAt!), this.calendar.localDate(now));
    if (problem) throw new ValidationProblem([problem]);
    if (await manager.existsBy(RulingObjection, { applicationId: app.id, filedBy: user.id })) throw new ConflictProblem('You have already objected to this ruling');
    const window = thirdPartyObjectionWindow(body.knewOn, this.calendar, this.config.get('THIRD_PARTY_OBJECTION_MONTHS'));
    const late = objectionLate(window, now);
    if (late) throw new ObjectionWindowPassedProblem(late, window);
    const document: ObjectionInput = {
      documentId: id,
      court: await this.procedure.courtName(manager, app.courtId),
      docketNumber: app.docketNumber!,
      caseNumber: c.number,
      kind: 'third_party',
      objector: user.displayName,
      filedBy: user.displayName,
      interest: body.interest.trim(),
      knewOn: body.knewOn,
      text: body.text.trim(),
      attachments: [],
      rulingOn: this.calendar.localDate(app.decidedAt!),
      windowLastDay: window.lastDay,
      filedAt: now,
      timeZone: this.procedure.timeZone,
    };
    return {
      c,
      facts: { caseVersion: c.version, applicationUpdatedAt: app.updatedAt, document },
    };
  }
}
