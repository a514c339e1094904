import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import type { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, ValidationProblem } from '../../common/errors/problem';
import { requireUnchanged, retryStaleReads } from '../../common/stale-read';
import { DocumentKind } from '../../documents/document.entity';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { ServiceOfProcess } from '../../service-of-process/service-of-process.service';
import { ServicePurpose } from '../../service-of-process/service.entity';
import { ApplicationStatus, type ConfirmationApplication } from '../confirmation-application.entity';
import { ConfirmationService } from '../confirmation.service';
import { summonsDocument, type SummonsInput } from '../court-procedure-documents';
import { summonsProblems } from '../court-procedure-rules';
import { CourtProcedureService } from '../court-procedure.service';
import { CourtSummons } from '../court-summons.entity';

export interface SummonsBody {
  attendAt: string;
  place?: string | null;
  videoLink?: string | null;
  note?: string | null;
}

@Injectable()
export class SummonParties {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly procedure: CourtProcedureService,
    private readonly access: CaseAccess,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
  ) {}

  /**
   * The court summons the parties to attend, at a place or by video, while it reviews a docketed application
   * (Interp. 356; docs/procedural-rules.md D21): the summons is rendered in Chinese and in each language a party
   * reads, then served on every party through the one service path and entered in the case's timeline.
   */
  async run(user: AuthUser, applicationId: string, body: SummonsBody): Promise<CourtSummons> {
    const summons = {
      attendAt: new Date(body.attendAt),
      place: body.place?.trim() || null,
      videoLink: body.videoLink?.trim() || null,
      note: body.note?.trim() || null,
    };
    return retryStaleReads(async () => {
      const now = this.clock.now();
      const id = randomUUID();
      const read = await this.confirmation.readApplication(user, applicationId, (m, app, { case: c }) => this.summonable(m, user, c, app, summons, id, now));
      const role = read.role;
      const prepared = await this.procedure.prepare(
        read.c,
        DocumentKind.Summons,
        ['zh-CN', ...read.languages],
        (lang) => ({
          doc: summonsDocument(read.facts.document, lang),
          filename: lang === 'zh-CN' ? `到场通知书-${read.facts.document.docketNumber}.pdf` : `summons-${read.facts.document.docketNumber}.pdf`,
        }),
        { id: user.id, role },
      );
      return this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
        const locked = await this.summonable(tx, user, c, app, summons, id, now);
        requireUnchanged(read.facts, locked.facts, c.version);
        const documentIn = this.procedure.recorder(tx, c, prepared);
        const own = await documentIn('zh-CN');
        await this.service.serveOnParties(tx, { case: c, purpose: ServicePurpose.Summons, document: documentIn });
        await tx.insert(CourtSummons, { id, applicationId, caseId: c.id, ...summons, documentId: own.id, issuedBy: user.id, issuedAt: now });
        await this.procedure.record(tx, c, user, role, 'court_summons_issued', {
          applicationId,
          summonsId: id,
          attendAt: summons.attendAt.toISOString(),
          place: summons.place,
          videoLink: summons.videoLink,
          documentId: own.id,
        });
        return tx.findOneByOrFail(CourtSummons, { id });
      });
    });
  }

  /** Whether the court may summon now, and what the summons prints, read through `manager` (without the lock, then under it). */
  private async summonable(
    manager: EntityManager,
    user: AuthUser,
    c: Case,
    app: ConfirmationApplication,
    s: Omit<CourtSummons, 'id' | 'applicationId' | 'caseId' | 'documentId' | 'issuedBy' | 'issuedAt'>,
    id: string,
    now: Date,
  ) {
    const { roles } = await this.access.require(user, c.id, CaseAction.SummonParties, manager);
    const role = roles.includes(CaseRole.ConfirmingJudge) ? CaseRole.ConfirmingJudge : CaseRole.ConfirmingCourt;
    if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: the parties are summoned while a docketed application is reviewed`);
    const errors = summonsProblems(s, now, { dueAt: app.decisionDueAt, lastDay: app.decisionLastDay });
    if (errors.length > 0) throw new ValidationProblem(errors);
    const document: SummonsInput = {
      documentId: id,
      court: await this.procedure.courtName(manager, app.courtId),
      docketNumber: app.docketNumber!,
      caseNumber: c.number,
      parties: (await this.procedure.partyNames(manager, c.id)).map((p) => p.name),
      ...s,
      issuedBy: user.displayName,
      issuerIsJudge: role === CaseRole.ConfirmingJudge,
      issuedAt: now,
      timeZone: this.procedure.timeZone,
    };
    return {
      c,
      role,
      languages: (await this.service.languagesOf(manager, c)) as Set<PdfLanguage>,
      facts: { caseVersion: c.version, applicationUpdatedAt: app.updatedAt, document },
    };
  }
}
