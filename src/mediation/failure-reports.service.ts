import { Injectable } from '@nestjs/common';
import { mediatorForDocuments } from '../organisations/mediator-for-documents';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { Case } from '../cases/entities/case.entity';
import { CaseEventRecord } from '../cases/entities/case-event.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { NotFoundProblem, ValidationProblem, type FieldError } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { failureReportDocument } from './failure-report-document';
import { FailureReportRecord } from './failure-report.entity';
import { MediationCase } from './mediation-case.service';
import { FailureReportView, type TerminateRequest } from './termination.dto';
import { failureHandOff, TERMINATION_REASON_LABELS, TerminationReason, validateFailureReport, type CostRaisingConductEntry } from './termination';

/** What a report says before it is written down; system reports word their explanation per language. */
interface ReportDraft {
  reasons: TerminationReason[];
  partiesConcerned: { partyId: string; reason: TerminationReason }[];
  explanation: string | Record<PdfLanguage, string>;
  costRaisingConduct: CostRaisingConductEntry[];
  preparedBy: { id: string; name: string } | null;
}

const MEDIATION_STATES: readonly CaseStatus[] = [CaseStatus.Mediating, CaseStatus.Signing];

/**
 * The end of a mediation without agreement (docs/procedural-rules.md B8-B9). The mediator terminates with a
 * reason; a party withdraws; the period expires. Whichever it is, in the same transaction as
 * the transition, the failure report is written (reasons and cost-raising conduct, never the
 * negotiation's content), stored as a court-visible document, served on every party and, for a
 * court referral, on the referring court as the hand-off.
 */
@Injectable()
export class FailureReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly room: MediationCase,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A mediation that ends without agreement (terminated, withdrawn from, expired) gets its report, served. A withdrawal before mediation began ends an application, not a mediation: its row names no report. */
  @TransitionEffect('failureReport.issue')
  async issueOnEnd(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.issue(tx, fired.case, fired.transition.event, await this.draftFor(tx, fired));
  }

  async get(user: AuthUser, caseId: string): Promise<FailureReportView> {
    await this.access.require(user, caseId, CaseAction.View);
    const report = await this.db.getRepository(FailureReportRecord).findOneBy({ caseId });
    if (!report) throw new NotFoundProblem('This case has no failure report');
    return FailureReportView.of(report);
  }

  /** The mediator ends the mediation with one of the reasons of docs/procedural-rules.md B8 (not withdrawal or expiry). */
  async terminate(user: AuthUser, caseId: string, body: TerminateRequest, ifMatch?: number): Promise<FailureReportView> {
    await this.db.transaction(async (tx) => {
      await this.room.enter(tx, user, caseId, CaseAction.ConductMediation, MEDIATION_STATES);
      const { reasons, partiesConcerned, explanation, costRaisingConduct } = await this.mediatorDraft(tx, user, caseId, body);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.Terminate,
          actor: { kind: 'user', user },
          expectedVersion: body.expectedVersion ?? ifMatch,
          // The report's content goes to the court with the report anyway; the chain keeps what it was written from.
          payload: { terminationReason: body.reason, reasons, partiesConcerned, explanation, costRaisingConduct },
          set: { outcomeReason: body.reason },
          triggers: ['feature'],
        },
        tx,
      );
    });
    return this.get(user, caseId);
  }

  /**
   * The report as terminating with `body` would write it now, for the mediator to read before ending
   * the mediation: validated as termination validates it, rendered, and neither stored nor served.
   */
  async preview(user: AuthUser, caseId: string, body: TerminateRequest, lang: PdfLanguage): Promise<{ bytes: Buffer; filename: string }> {
    return this.db.transaction(async (tx) => {
      const { case: c } = await this.room.enter(tx, user, caseId, CaseAction.ConductMediation, MEDIATION_STATES);
      const draft = await this.mediatorDraft(tx, user, caseId, body);
      const render = await this.renderer(tx, c, draft, this.clock.now());
      return { bytes: await render(lang), filename: `preview-${reportFilename(c, lang)}` };
    });
  }

  /** The mediator's report from a termination request, or 400 naming the fields it gets wrong. */
  private async mediatorDraft(tx: EntityManager, user: AuthUser, caseId: string, body: TerminateRequest): Promise<ReportDraft & { explanation: string }> {
    const partyIds = (await tx.find(CaseParty, { where: { caseId }, select: { id: true } })).map((p) => p.id);
    const draft = {
      reasons: [body.reason],
      partiesConcerned: (body.partiesConcerned ?? []).map((partyId) => ({ partyId, reason: body.reason })),
      explanation: body.explanation,
      costRaisingConduct: (body.costRaisingConduct ?? []).map((c) => ({
        partyId: c.partyId,
        kind: c.kind,
        description: c.description,
        ...(c.documentIds ? { documentIds: c.documentIds } : {}),
      })),
      preparedBy: { id: user.id, name: user.displayName },
    };
    const errors = [
      ...validateFailureReport({ caseId, ...draft, preparedBy: user.id, preparedAt: this.clock.now() }, { partyIds }).map(requestField),
      ...(await this.unknownDocuments(tx, caseId, draft.costRaisingConduct)),
    ];
    if (errors.length > 0) throw new ValidationProblem(errors);
    return draft;
  }

  /** Renders the report's PDF per language from what the case and the draft say. */
  private async renderer(tx: EntityManager, c: Case, draft: ReportDraft, preparedAt: Date): Promise<(lang: PdfLanguage) => Promise<Buffer>> {
    const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const nameOf = (partyId: string): string => parties.find((x) => x.id === partyId)?.name ?? partyId;
    const mediator = await mediatorForDocuments(tx, c.mediatorId);
    const [court] = c.referringCourtId ? ((await tx.query(`SELECT name FROM organisations WHERE id = $1`, [c.referringCourtId])) as { name: string }[]) : [];
    const started = await tx.findOne(CaseEventRecord, { where: { caseId: c.id, type: CaseEvent.StartMediation }, order: { sequence: 'DESC' } });
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    return (lang) =>
      renderPdf(
        failureReportDocument(
          {
            documentId: `${c.number}-FR-${lang}`,
            caseNumber: c.number,
            caseTitle: c.title,
            disputeType: c.disputeType,
            applicants: parties.filter((x) => x.side === PartySide.Applicant).map((x) => x.name),
            respondents: parties.filter((x) => x.side === PartySide.Respondent).map((x) => x.name),
            mediatorName: mediator?.name ?? '—',
            organisation: mediator?.organisation ?? null,
            court: court ? { name: court.name, referralNumber: c.referralNumber } : null,
            handOff: failureHandOff(c.source, c.referralType),
            mediationStartedAt: started?.occurredAt ?? null,
            endedAt: preparedAt,
            reasons: draft.reasons,
            partiesConcerned: draft.partiesConcerned.map((x) => ({ partyName: nameOf(x.partyId), reason: x.reason })),
            explanation: typeof draft.explanation === 'string' ? draft.explanation : draft.explanation[lang],
            costRaisingConduct: draft.costRaisingConduct.map((x) => ({ partyName: nameOf(x.partyId), kind: x.kind, description: x.description })),
            preparedBy: draft.preparedBy?.name ?? null,
            preparedAt,
            timeZone,
          },
          lang,
        ),
        lang,
        { timeZone },
      );
  }

  private async draftFor(tx: EntityManager, fired: WrittenTransition): Promise<ReportDraft> {
    const p = fired.payload;
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    const day = (iso: unknown): string => DateTime.fromJSDate(typeof iso === 'string' ? new Date(iso) : fired.occurredAt, { zone: timeZone }).toISODate()!;
    switch (fired.transition.event) {
      case CaseEvent.Terminate: {
        const reason = (p.terminationReason as TerminationReason | undefined) ?? TerminationReason.PositionsTooFarApart;
        return {
          reasons: [reason],
          partiesConcerned: (p.partiesConcerned as ReportDraft['partiesConcerned'] | undefined) ?? [],
          explanation: typeof p.explanation === 'string' ? p.explanation : { 'zh-CN': TERMINATION_REASON_LABELS[reason]['zh-CN'], en: TERMINATION_REASON_LABELS[reason].en },
          costRaisingConduct: (p.costRaisingConduct as CostRaisingConductEntry[] | undefined) ?? [],
          preparedBy: fired.actor.kind === 'user' ? { id: fired.actor.user.id, name: fired.actor.user.displayName } : null,
        };
      }
      case CaseEvent.Withdraw: {
        const actorId = fired.actor.kind === 'user' ? fired.actor.user.id : null;
        const parties = (await tx.query(
          `SELECT p.id, p.name FROM case_parties p WHERE p.case_id = $1 AND (p.user_id = $2 OR EXISTS (SELECT 1 FROM case_agents a WHERE a.party_id = p.id AND a.user_id = $2)) ORDER BY p.side, p.position`,
          [fired.case.id, actorId],
        )) as { id: string; name: string }[];
        const names = parties.map((x) => x.name);
        const given = typeof p.reason === 'string' ? p.reason : null;
        return {
          reasons: [TerminationReason.Withdrawal],
          partiesConcerned: parties.map((x) => ({ partyId: x.id, reason: TerminationReason.Withdrawal })),
          explanation: {
            'zh-CN': `${names.join('、')}于${day(undefined)}撤回调解，调解程序终结。${given ? `撤回理由：${given}` : ''}`,
            en: `${names.join(', ')} withdrew from the mediation on ${day(undefined)}, which ended it.${given ? ` Reason given: ${given}` : ''}`,
          },
          costRaisingConduct: [],
          preparedBy: null,
        };
      }
      default: {
        // The period's last day is the day before its end at local midnight.
        const lastDay = typeof p.dueAt === 'string' ? new Date(Date.parse(p.dueAt) - 1).toISOString() : undefined;
        return {
          reasons: [TerminationReason.PeriodExpired],
          partiesConcerned: [],
          explanation: {
            'zh-CN': `调解期限于${day(lastDay)}届满，各方当事人未一致同意延长，调解不成。`,
            en: `The mediation period ended on ${day(lastDay)} without an extension every party agreed to, so the mediation failed.`,
          },
          costRaisingConduct: [],
          preparedBy: null,
        };
      }
    }
  }

  private async issue(tx: EntityManager, c: Case, event: string, draft: ReportDraft): Promise<void> {
    const id = randomUUID();
    const preparedAt = this.clock.now();
    const handOff = failureHandOff(c.source, c.referralType);
    const explanationIn = (lang: PdfLanguage): string => (typeof draft.explanation === 'string' ? draft.explanation : draft.explanation[lang]);
    const render = await this.renderer(tx, c, draft, preparedAt);

    const rendered = new Map<PdfLanguage, CaseDocument>();
    const documentIn = async (lang: PdfLanguage): Promise<CaseDocument> => {
      const known = rendered.get(lang);
      if (known) return known;
      const doc = await this.documents.addGeneratedInTransaction(
        {
          caseId: c.id,
          kind: DocumentKind.FailureReport,
          visibility: DocumentVisibility.Court,
          filename: reportFilename(c, lang),
          contentType: 'application/pdf',
          bytes: await render(lang),
          actorId: draft.preparedBy?.id ?? null,
          actorRole: draft.preparedBy ? CaseRole.Mediator : CaseRole.System,
        },
        tx,
      );
      rendered.set(lang, doc);
      return doc;
    };

    await this.service.serveOnParties(tx, { case: c, purpose: ServicePurpose.FailureReport, document: documentIn });
    // The hand-off (docs/procedural-rules.md B9; 特邀 26): the referring court receives the report by service too.
    if (handOff !== 'none' && c.referringCourtId) {
      await this.service.serveOnCourt(tx, { case: c, purpose: ServicePurpose.FailureReport, courtOrganisationId: c.referringCourtId, document: documentIn });
    }
    const documentIds = [...rendered.values()].map((d) => d.id);
    await tx.insert(FailureReportRecord, {
      id,
      caseId: c.id,
      event,
      reasons: draft.reasons,
      partiesConcerned: draft.partiesConcerned,
      explanation: explanationIn(c.preferredLanguage === 'en' ? 'en' : 'zh-CN'),
      costRaisingConduct: draft.costRaisingConduct,
      preparedBy: draft.preparedBy?.id ?? null,
      preparedAt,
      handOff,
      documentIds,
    });
    await this.room.record(tx, c, {
      type: 'failure_report_issued',
      actorId: draft.preparedBy?.id ?? null,
      actorRole: draft.preparedBy ? CaseRole.Mediator : CaseRole.System,
      payload: { failureReportId: id, reasons: draft.reasons, handOff, documentIds },
    });
  }

  /** Evidence of conduct must be this case's documents. */
  private async unknownDocuments(tx: EntityManager, caseId: string, conduct: CostRaisingConductEntry[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, entry] of conduct.entries()) {
      for (const [j, documentId] of (entry.documentIds ?? []).entries()) {
        const [found] = (await tx.query(`SELECT 1 FROM documents WHERE id = $1 AND case_id = $2`, [documentId, caseId])) as unknown[];
        if (!found)
          errors.push({ field: `costRaisingConduct.${i}.documentIds.${j}`, rule: 'document', message: `costRaisingConduct.${i}.documentIds.${j} is not a document of this case` });
      }
    }
    return errors;
  }
}

function reportFilename(c: Case, lang: PdfLanguage): string {
  return lang === 'zh-CN' ? `调解终结书-${c.number}.pdf` : `notice-of-termination-${c.number}.pdf`;
}

/** The pure report's field names, as the request names them (partiesConcerned is a list of party ids there). */
function requestField(e: FieldError): FieldError {
  const match = /^partiesConcerned\.(\d+)\.(partyId|reason)$/.exec(e.field);
  return match ? { ...e, field: `partiesConcerned.${match[1]}` } : e;
}
