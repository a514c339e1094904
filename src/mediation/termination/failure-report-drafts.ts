import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import type { Case } from '../../cases/entities/case.entity';
import { CaseEventRecord } from '../../cases/entities/case-event.entity';
import { CaseParty, PartySide } from '../../cases/entities/case-party.entity';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import type { UpcomingTransition } from '../../cases/prepared-transition';
import { ValidationProblem, type FieldError } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { mediatorForDocuments } from '../../organisations/mediator-for-documents';
import { failureReportDocument } from '../failure-report-document';
import type { TerminateRequest } from '../termination.dto';
import { failureHandOff, TERMINATION_REASON_LABELS, TerminationReason, validateFailureReport, type CostRaisingConductEntry } from '../termination';

/** What a report says before it is written down; system reports word their explanation per language. */
export interface ReportDraft {
  reasons: TerminationReason[];
  partiesConcerned: { partyId: string; reason: TerminationReason }[];
  explanation: string | Record<PdfLanguage, string>;
  costRaisingConduct: CostRaisingConductEntry[];
  preparedBy: { id: string; name: string } | null;
}

/** The failure report's content: the mediator's, or the one a withdrawal or an expiry writes, and its PDF. */
@Injectable()
export class FailureReportDrafts {
  constructor(
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The mediator's report from a termination request, or 400 naming the fields it gets wrong. */
  async mediatorDraft(tx: EntityManager, user: AuthUser, caseId: string, body: TerminateRequest): Promise<ReportDraft & { explanation: string }> {
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
  async renderer(tx: EntityManager, c: Case, draft: ReportDraft, preparedAt: Date): Promise<(lang: PdfLanguage) => Promise<Buffer>> {
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

  /** The report a transition writes (termination, withdrawal, expiry), from what it is fired with. */
  async forTransition(tx: EntityManager, upcoming: UpcomingTransition): Promise<ReportDraft> {
    const fired = upcoming;
    const p = fired.payload;
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    const day = (iso: unknown): string => DateTime.fromJSDate(typeof iso === 'string' ? new Date(iso) : this.clock.now(), { zone: timeZone }).toISODate()!;
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

export function reportFilename(c: Case, lang: PdfLanguage): string {
  return lang === 'zh-CN' ? `调解终结书-${c.number}.pdf` : `notice-of-termination-${c.number}.pdf`;
}

/** The pure report's field names, as the request names them (partiesConcerned is a list of party ids there). */
function requestField(e: FieldError): FieldError {
  const match = /^partiesConcerned\.(\d+)\.(partyId|reason)$/.exec(e.field);
  return match ? { ...e, field: `partiesConcerned.${match[1]}` } : e;
}
