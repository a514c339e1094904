import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import type { Case } from '../../cases/entities/case.entity';
import { CaseParty } from '../../cases/entities/case-party.entity';
import type { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, ValidationProblem } from '../../common/errors/problem';
import { requireUnchanged, retryStaleReads } from '../../common/stale-read';
import type { Environment } from '../../config/environment';
import { CaseDocument, DocumentKind } from '../../documents/document.entity';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import { ServicePurpose, ServiceRecord } from '../../service-of-process/service.entity';
import { actingFor } from '../case-settlement';
import { ApplicationStatus, type ConfirmationApplication } from '../confirmation-application.entity';
import { ConfirmationService, isParty } from '../confirmation.service';
import { objectionDocument, type ObjectionInput } from '../court-procedure-documents';
import { objectionLate, partyObjectionWindow } from '../court-procedure-rules';
import { CourtProcedureService, ObjectionWindowPassedProblem } from '../court-procedure.service';
import { RulingObjection } from '../ruling-objection.entity';

export interface PartyObjectionBody {
  text: string;
  partyId?: string;
  documentIds?: string[];
}

export const RULED: readonly ApplicationStatus[] = [ApplicationStatus.Confirmed, ApplicationStatus.Rejected];

@Injectable()
export class FileObjection {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly procedure: CourtProcedureService,
    private readonly access: CaseAccess,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * A party (or its agent) objects to the ruling within OBJECTION_DAYS of its service on that party (Interp. 372;
   * docs/procedural-rules.md D23). The objection is rendered, served on the court through the one service path and
   * entered in the case's timeline; after the window it is refused with a problem naming the deadline.
   */
  async run(user: AuthUser, applicationId: string, body: PartyObjectionBody): Promise<RulingObjection> {
    return retryStaleReads(async () => {
      const now = this.clock.now();
      const id = randomUUID();
      const read = await this.confirmation.readApplication(user, applicationId, (m, app, { case: c }) => this.objectable(m, user, c, app, body, id, now));
      const prepared = await this.procedure.prepare(
        read.c,
        DocumentKind.RulingObjection,
        ['zh-CN'],
        (lang) => ({ doc: objectionDocument(read.facts.document, lang), filename: `异议申请书-${read.c.number}.pdf` }),
        { id: user.id, role: read.role },
      );
      return this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
        const locked = await this.objectable(tx, user, c, app, body, id, now);
        requireUnchanged(read.facts, locked.facts, c.version);
        const doc = read.facts.document;
        return this.procedure.serveObjection(tx, {
          case: c,
          app,
          prepared,
          user,
          role: read.role,
          objection: {
            id,
            kind: 'party',
            partyId: locked.partyId,
            objectorName: doc.objector,
            interest: null,
            knewOn: null,
            text: doc.text,
            attachmentIds: locked.attachmentIds,
            windowLastDay: doc.windowLastDay,
            filedAt: now,
          },
        });
      });
    });
  }

  /** Whether this person may object now for its party, and what the objection prints, read through `manager`. */
  private async objectable(manager: EntityManager, user: AuthUser, c: Case, app: ConfirmationApplication, body: PartyObjectionBody, id: string, now: Date) {
    const { roles } = await this.access.require(user, c.id, CaseAction.FileObjection, manager);
    if (!RULED.includes(app.status)) throw new ConflictProblem(`The application is ${app.status}: there is no ruling to object to yet`);
    const acting = await actingFor(manager, c.id, user.id, roles);
    const partyId = body.partyId ?? (acting.partyIds.length === 1 ? acting.partyIds[0] : undefined);
    if (!partyId || !acting.partyIds.includes(partyId)) {
      throw new ValidationProblem([
        { field: 'partyId', rule: 'actingFor', message: 'partyId must name the party you object for (you act for more than one, or not for this one)' },
      ]);
    }
    if (await manager.existsBy(RulingObjection, { applicationId: app.id, partyId })) throw new ConflictProblem('This party has already objected to the ruling');
    // The party received the ruling when its service took effect; a service not yet effective starts the window now.
    const served = await manager.findOne(ServiceRecord, {
      where: { caseId: c.id, purpose: ServicePurpose.Ruling, partyId, createdAt: MoreThanOrEqual(app.decidedAt!) },
      order: { createdAt: 'ASC' },
    });
    const window = partyObjectionWindow(served?.effectiveAt ?? now, this.calendar, this.config.get('OBJECTION_DAYS'));
    const late = objectionLate(window, now);
    if (late) throw new ObjectionWindowPassedProblem(late, window);
    const attachmentIds = await this.confirmation.checkMaterials(manager, roles, c.id, body.documentIds ?? [], user.id, null, 'documentIds');
    const attachments = attachmentIds.length ? await manager.find(CaseDocument, { where: { id: In(attachmentIds) } }) : [];
    const party = await manager.findOneByOrFail(CaseParty, { id: partyId });
    const document: ObjectionInput = {
      documentId: id,
      court: await this.procedure.courtName(manager, app.courtId),
      docketNumber: app.docketNumber!,
      caseNumber: c.number,
      kind: 'party',
      objector: party.name,
      filedBy: user.displayName,
      interest: null,
      knewOn: null,
      text: body.text.trim(),
      attachments: attachmentIds.map((a) => attachments.find((d) => d.id === a)!.filename),
      rulingOn: this.calendar.localDate(app.decidedAt!),
      windowLastDay: window.lastDay,
      filedAt: now,
      timeZone: this.procedure.timeZone,
    };
    return {
      c,
      role: roles.find((r) => isParty([r])) as CaseRole,
      partyId,
      attachmentIds,
      facts: { caseVersion: c.version, applicationUpdatedAt: app.updatedAt, document },
    };
  }
}
