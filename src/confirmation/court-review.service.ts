import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { ConflictProblem, ValidationProblem } from '../common/errors/problem';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import type { CourtLevel } from '../organisations/organisation.entity';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { ApplicationStatus, ConfirmationApplication, SupplementRequest } from './confirmation-application.entity';
import { rulingDocument } from './confirmation-documents';
import { decisionDeadline, decisionExtensionProblem, REJECTION_GROUND_LABELS, validateRejection, type RejectionGround } from './confirmation-rules';
import { ConfirmationService } from './confirmation.service';
import { confirmationCaseNumber, courtAbbreviation } from './docket-number';

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

/**
 * The court's side of judicial confirmation (docs/procedural-rules.md D20-D23), for the clerks and judges of the
 * court the application was lodged with: the queue with its deadlines, docketing with a 调确
 * number (or declining), requests for more material, the recorded extension of the decision
 * period, and the judge's ruling, generated from a template and served on the parties.
 */
@Injectable()
export class CourtReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly confirmation: ConfirmationService,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly documents: DocumentsService,
    private readonly service: ServiceOfProcess,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

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

  /** The clerk (or a judge) of the court dockets the application with the next 调确 number of the court's year. */
  async docket(user: AuthUser, applicationId: string): Promise<void> {
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
          payload: { applicationId, docketNumber, decisionDueAt: decision.dueAt.toISOString() },
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

  /** The court declines the application (no jurisdiction), with its reason: the case is settled again. */
  async decline(user: AuthUser, applicationId: string, body: { reason: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      if (app.status !== ApplicationStatus.Lodged) throw new ConflictProblem(`The application is ${app.status}: only a lodged application is declined`);
      await this.transitions.fire(
        { caseId: c.id, event: CaseEvent.CourtDecline, actor: { kind: 'user', user }, payload: { applicationId, reason: body.reason }, triggers: ['feature'] },
        tx,
      );
      const now = this.clock.now();
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        { status: ApplicationStatus.Declined, declinedAt: now, declinedBy: user.id, declineReason: body.reason, updatedAt: now },
      );
    });
  }

  /** The court asks for more material by a deadline; not supplied in time counts as withdrawn (Interp. 357). */
  async requestSupplement(user: AuthUser, applicationId: string, body: { items: string; days?: number }): Promise<SupplementRequest> {
    return this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: material is asked for once it is docketed`);
      if (await this.openRequest(tx, app.id)) throw new ConflictProblem('Material asked for earlier is still awaited: one request at a time');
      const now = this.clock.now();
      const dueAt = this.calendar.computeDueAt(now, { days: body.days ?? this.config.get('SUPPLEMENT_DAYS'), unit: 'calendar' });
      const request = await tx.save(SupplementRequest, { applicationId, items: body.items, requestedBy: user.id, requestedAt: now, dueAt });
      await this.transitions.fire(
        {
          caseId: c.id,
          event: CaseEvent.RequestSupplement,
          actor: { kind: 'user', user },
          payload: { applicationId, requestId: request.id, reason: body.items, dueAt: dueAt.toISOString() },
          triggers: ['feature'],
        },
        tx,
      );
      return request;
    });
  }

  /** A judge records the approved extension of the decision period (2011 Prov. 5), once, before it ends. */
  async extendDecision(user: AuthUser, applicationId: string, body: { approvedBy: string; reason: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.ExtendDecisionPeriod, tx);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: there is no decision period running`);
      const approval = { approvedBy: body.approvedBy, reason: body.reason, approvedAt: this.clock.now() };
      const days = this.config.get('COURT_DECISION_DAYS');
      const problem = decisionExtensionProblem(app.docketedAt!, approval, this.calendar, { alreadyExtended: app.extensionApprovedAt !== null, days });
      if (problem) throw new ConflictProblem(problem);
      const decision = decisionDeadline(app.docketedAt!, this.calendar, { extension: approval, days, extensionDays: this.config.get('COURT_DECISION_EXTENSION_DAYS') });
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        {
          extensionApprovedBy: approval.approvedBy,
          extensionReason: approval.reason,
          extensionApprovedAt: approval.approvedAt,
          extensionRecordedBy: user.id,
          decisionDueAt: decision.dueAt,
          decisionLastDay: decision.lastDay,
          updatedAt: approval.approvedAt,
        },
      );
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'court_decision_extended',
        actorId: user.id,
        actorRole: CaseRole.ConfirmingJudge,
        payload: {
          applicationId,
          approvedBy: approval.approvedBy,
          reason: approval.reason,
          decisionDueAt: decision.dueAt.toISOString(),
          originalDueAt: decision.originalDueAt.toISOString(),
        },
      });
    });
  }

  /** The judge rules the agreement valid: a ruling (民事裁定书) served on every party; the case is confirmed. */
  async confirm(user: AuthUser, applicationId: string): Promise<void> {
    await this.decide(user, applicationId, { outcome: 'confirmed' });
  }

  /** The judge rejects the application on grounds of Interp. 358: a ruling served on every party; the case is confirmation_rejected. */
  async reject(user: AuthUser, applicationId: string, body: { grounds: RejectionGround[]; explanation?: string }): Promise<void> {
    const errors = validateRejection(body);
    if (errors.length > 0) throw new ValidationProblem(errors);
    await this.decide(user, applicationId, { outcome: 'rejected', grounds: body.grounds, explanation: body.explanation ?? null });
  }

  /**
   * The ruling as it would be issued now, for the judge to read before issuing it: rendered from
   * the same template, stored nowhere, served on no one.
   */
  async previewRuling(
    user: AuthUser,
    applicationId: string,
    ruling: { outcome: 'confirmed' | 'rejected'; grounds?: RejectionGround[]; explanation?: string },
    lang: PdfLanguage,
  ): Promise<{ bytes: Buffer; filename: string }> {
    if (ruling.outcome === 'rejected') {
      const errors = validateRejection({ grounds: ruling.grounds ?? [], explanation: ruling.explanation });
      if (errors.length > 0) throw new ValidationProblem(errors);
    }
    return this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.RuleOnConfirmation, tx);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: only a docketed application is ruled on`);
      const rendered = await this.rulingBytes(tx, c, app, user, { ...ruling, explanation: ruling.explanation ?? null }, this.clock.now(), lang);
      return { bytes: rendered.bytes, filename: `preview-${rendered.filename}` };
    });
  }

  private async decide(
    user: AuthUser,
    applicationId: string,
    ruling: { outcome: 'confirmed' | 'rejected'; grounds?: RejectionGround[]; explanation?: string | null },
  ): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.RuleOnConfirmation, tx);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: only a docketed application is ruled on`);
      const open = await this.openRequest(tx, app.id);
      if (open) throw new ConflictProblem(`Material asked for on ${open.requestedAt.toISOString()} is still awaited (until ${open.dueAt.toISOString()})`);
      const now = this.clock.now();
      const docs = new Map<PdfLanguage, CaseDocument>();
      const rulingIn = async (lang: PdfLanguage): Promise<CaseDocument> => {
        const made = docs.get(lang) ?? (await this.rulingPdf(tx, c, app, user, ruling, now, lang));
        docs.set(lang, made);
        return made;
      };
      // The court's ruling is in Chinese (CPL art. 11); a party reading English is served an English rendering too.
      const own = await rulingIn('zh-CN');
      await this.service.serveOnParties(tx, { case: c, purpose: ServicePurpose.Ruling, document: rulingIn });
      const confirmed = ruling.outcome === 'confirmed';
      const reason = confirmed ? undefined : ruling.grounds!.map((g) => REJECTION_GROUND_LABELS[g].en).join('; ') + (ruling.explanation ? ` — ${ruling.explanation}` : '');
      await this.transitions.fire(
        {
          caseId: c.id,
          event: confirmed ? CaseEvent.Confirm : CaseEvent.RejectConfirmation,
          actor: { kind: 'user', user },
          payload: {
            applicationId,
            docketNumber: app.docketNumber,
            rulingDocumentId: own.id,
            ...(confirmed ? {} : { grounds: ruling.grounds, explanation: ruling.explanation, reason }),
          },
          triggers: ['feature'],
        },
        tx,
      );
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        {
          status: confirmed ? ApplicationStatus.Confirmed : ApplicationStatus.Rejected,
          decidedAt: now,
          decidedBy: user.id,
          rulingDocumentId: own.id,
          rejectionGrounds: confirmed ? null : ruling.grounds,
          rejectionExplanation: confirmed ? null : (ruling.explanation ?? null),
          updatedAt: now,
        },
      );
    });
  }

  private async rulingPdf(
    tx: EntityManager,
    c: Case,
    app: ConfirmationApplication,
    judge: AuthUser,
    ruling: { outcome: 'confirmed' | 'rejected'; grounds?: RejectionGround[]; explanation?: string | null },
    decidedAt: Date,
    lang: PdfLanguage,
  ): Promise<CaseDocument> {
    const { bytes, filename } = await this.rulingBytes(tx, c, app, judge, ruling, decidedAt, lang);
    return this.documents.addGenerated(
      {
        caseId: c.id,
        kind: DocumentKind.Ruling,
        visibility: DocumentVisibility.Court,
        filename,
        contentType: 'application/pdf',
        bytes,
        actorId: judge.id,
        actorRole: CaseRole.ConfirmingJudge,
      },
      tx,
    );
  }

  private async rulingBytes(
    tx: EntityManager,
    c: Case,
    app: ConfirmationApplication,
    judge: AuthUser,
    ruling: { outcome: 'confirmed' | 'rejected'; grounds?: RejectionGround[]; explanation?: string | null },
    decidedAt: Date,
    lang: PdfLanguage,
  ): Promise<{ bytes: Buffer; filename: string }> {
    const version = await tx.findOneByOrFail(AgreementVersionRecord, { id: app.agreementVersionId });
    const [court] = (await tx.query(`SELECT name FROM organisations WHERE id = $1`, [app.courtId])) as { name: string }[];
    const spec = rulingDocument(
      {
        documentId: app.docketNumber!,
        court: court.name,
        docketNumber: app.docketNumber!,
        parties: await this.confirmation.documentParties(tx, c.id, version),
        mediator: version.content.mediator,
        agreement: await this.confirmation.agreementFacts(tx, version),
        lodgedOn: this.calendar.localDate(app.lodgedAt!),
        docketedOn: this.calendar.localDate(app.docketedAt!),
        outcome: ruling.outcome,
        grounds: ruling.grounds,
        explanation: ruling.explanation,
        judge: judge.displayName,
        clerk: app.docketedBy ? ((await this.confirmation.userNames(tx, [app.docketedBy])).get(app.docketedBy) ?? null) : null,
        decidedAt,
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
      },
      lang,
    );
    const bytes = await renderPdf(spec, lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    return { bytes, filename: lang === 'zh-CN' ? `民事裁定书-${app.docketNumber}.pdf` : `ruling-${app.docketNumber}.pdf` };
  }

  private openRequest(tx: EntityManager, applicationId: string): Promise<SupplementRequest | null> {
    return tx.findOne(SupplementRequest, { where: { applicationId, supplementedAt: IsNull(), expiredAt: IsNull() } });
  }
}
