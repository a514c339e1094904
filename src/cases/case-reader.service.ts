import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction, canSeeDocument, canSeeEvent, caseRolesFor, caseVisibilitySql } from '../access/case-access.policy';
import { CASE_AND_PEOPLE, CaseAccess, type CaseWithAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import { NotFoundProblem } from '../common/errors/problem';
import { hydrate } from '../common/database/hydrate';
import type { PreparedStatement } from '../common/database/prepared-statement';
import { CaseDocument } from '../documents/document.entity';
import { missingForSubmission } from '../intake/application-completeness';
import { CaseEventLog, chainHeadColumn } from './case-event-log.service';
import type { CaseCompleteness } from './case-transitions.service';
import type { CasesQuery } from './cases-query.dto';
import { caseView, CaseEventView, CaseSummaryView, type CaseView } from './case.view';
import { CaseAgent } from './entities/case-agent.entity';
import { Case } from './entities/case.entity';
import { CaseParty, PartySide } from './entities/case-party.entity';
import { IpRight } from './entities/ip-right.entity';
import { availableActions } from './lifecycle/case-lifecycle';
import { pendingActions } from './lifecycle/must-do';
import { APPLICANT_SIDE } from './lifecycle/case-roles';
import { CaseSource, CaseStatus } from './lifecycle/case-states';

/**
 * What completeness reads of a case, with the case and who is who on it: its parties as stored
 * (every column, so a new rule about a party needs no change here), and how many IP rights and
 * documents it has; and the head of its event chain, for the submit's event (read before the
 * lock: `CaseEventLog.appendAfterUnlockedRead`).
 */
const COMPLETENESS: PreparedStatement = {
  name: 'cases.completeness',
  text: `SELECT ${CASE_AND_PEOPLE},
                coalesce((SELECT json_agg(to_jsonb(p) ORDER BY p.side, p.position) FROM case_parties p WHERE p.case_id = c.id), '[]') AS all_parties,
                (SELECT count(*)::int FROM ip_rights r WHERE r.case_id = c.id) AS ip_right_count,
                (SELECT count(*)::int FROM documents d WHERE d.case_id = c.id) AS documents,
                ${chainHeadColumn('c.id')}
           FROM cases c WHERE c.id = $1`,
};

/**
 * The case view in one statement: the case and who is who on it (for the access check), and what
 * the view shows besides (its parties, agents and IP rights) with what completeness counts.
 */
const VIEW: PreparedStatement = {
  name: 'cases.view',
  text: `SELECT ${CASE_AND_PEOPLE},
                coalesce((SELECT json_agg(to_jsonb(p) ORDER BY p.side, p.position) FROM case_parties p WHERE p.case_id = c.id), '[]') AS all_parties,
                coalesce((SELECT json_agg(to_jsonb(a) ORDER BY a.created_at, a.id) FROM case_agents a WHERE a.case_id = c.id), '[]') AS all_agents,
                coalesce((SELECT json_agg(to_jsonb(r) ORDER BY r.position) FROM ip_rights r WHERE r.case_id = c.id), '[]') AS ip_rights,
                (SELECT count(*)::int FROM documents d WHERE d.case_id = c.id) AS documents
           FROM cases c WHERE c.id = $1`,
};

type Row = Record<string, unknown>;
interface ViewParts {
  all_parties: Row[];
  all_agents: Row[];
  ip_rights: Row[];
  documents: number;
}

@Injectable()
export class CaseReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
  ) {}

  /** What submission still lacks (docs/procedural-rules.md A2), from what is stored now, read with the case. */
  readonly completeness: CaseCompleteness = {
    statement: COMPLETENESS,
    missing: (c, columns) => {
      const stored = columns as { all_parties: Row[]; ip_right_count: number; documents: number };
      return this.missingFrom(
        c,
        stored.all_parties.map((row) => hydrate(this.db, CaseParty, row)),
        stored.ip_right_count,
        stored.documents,
      );
    },
  };

  private missingFrom(c: Case, parties: CaseParty[], ipRights: number, documents: number): string[] {
    return missingForSubmission(
      {
        disputeType: c.disputeType,
        statement: c.statement,
        claims: c.claims,
        ipRights: new Array(ipRights).fill(null),
        applicant: parties.find((p) => p.side === PartySide.Applicant),
        respondents: parties.filter((p) => p.side === PartySide.Respondent),
        documentCount: documents,
      },
      { requireDocuments: c.source === CaseSource.OnlineApplication },
    );
  }

  async view(user: AuthUser, caseId: string): Promise<CaseView> {
    return this.viewOf(await this.access.loadWith<ViewParts>(user, caseId, VIEW));
  }

  /**
   * The case view a change produced, as every change of a case answers it. A change can end the
   * actor's access (declining an offer, recusing, withdrawing): then only the id is answered.
   */
  async viewAfterChange(user: AuthUser, caseId: string): Promise<CaseView> {
    try {
      return await this.view(user, caseId);
    } catch (error) {
      if (error instanceof NotFoundProblem) return { id: caseId } as CaseView;
      throw error;
    }
  }

  private viewOf({ case: c, roles, more: stored }: CaseWithAccess & { more: ViewParts }): CaseView {
    const parties = stored.all_parties.map((row) => hydrate(this.db, CaseParty, row));
    const agents = stored.all_agents.map((row) => hydrate(this.db, CaseAgent, row));
    const ipRights = stored.ip_rights.map((row) => hydrate(this.db, IpRight, row));
    const editable = [CaseStatus.Draft, CaseStatus.NeedsCorrection].includes(c.status);
    // Only submit and resubmit have the completeness guard: it matters only where they can be fired.
    const missing = editable ? this.missingFrom(c, parties, ipRights.length, stored.documents) : [];
    const actions = availableActions({ status: c.status, source: c.source, referralType: c.referralType, missingForSubmission: missing, facts: {} }, roles);
    const showMissing = editable && APPLICANT_SIDE.some((r) => roles.includes(r));
    return caseView(c, { parties, agents, ipRights }, roles, actions, showMissing ? missing : undefined);
  }

  /** Every listing is scoped by the access policy's SQL: no one lists a case they could not open. */
  async list(user: AuthUser, query: CasesQuery): Promise<Page<CaseSummaryView>> {
    const limit = query.limit ?? 20;
    const direction = query.order === 'oldest' ? 'ASC' : 'DESC';
    // The cursor holds the time to the millisecond: oldest first, the row it came from must not
    // compare as later than itself, so that order reads the time at the cursor's precision.
    const createdAt = direction === 'ASC' ? `date_trunc('milliseconds', c.created_at)` : 'c.created_at';
    const scope = caseVisibilitySql(user);
    const qb = this.db
      .getRepository(Case)
      .createQueryBuilder('c')
      .where(scope.where, scope.params)
      .orderBy(createdAt, direction)
      .addOrderBy('c.id', direction)
      .take(limit + 1);
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.disputeType) qb.andWhere('c.dispute_type = :disputeType', { disputeType: query.disputeType });
    if (query.courtId) qb.andWhere('c.referring_court_id = :courtId', { courtId: query.courtId });
    if (query.source) qb.andWhere('c.source = :source', { source: query.source });
    if (query.createdFrom) qb.andWhere('c.created_at >= :from', { from: query.createdFrom });
    if (query.createdTo) qb.andWhere('c.created_at < :to', { to: query.createdTo });
    if (query.q) qb.andWhere('c.search_text LIKE :q', { q: `%${query.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` });
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere(`(${createdAt}, c.id) ${direction === 'ASC' ? '>' : '<'} (:at, :id)`, { at: after[0], id: after[1] });
    const page = toPage(await qb.getMany(), limit, (c) => [c.createdAt.toISOString(), c.id]);
    return { items: await this.summaries(user, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Each case with what it asks of this person now and its next deadline, in a fixed number of
   * queries for the whole page (the lifecycle table and the access policy decide, as for one case).
   */
  private async summaries(user: AuthUser, cases: Case[]): Promise<CaseSummaryView[]> {
    if (!cases.length) return [];
    const ids = cases.map((c) => c.id);
    const [facts, deadlines] = await Promise.all([
      this.access.factsOfMany(cases),
      this.db.query(
        `SELECT DISTINCT ON (case_id) case_id, kind, due_at FROM deadlines
          WHERE case_id = ANY($1) AND fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL
          ORDER BY case_id, due_at`,
        [ids],
      ) as Promise<{ case_id: string; kind: string; due_at: Date }[]>,
    ]);
    const next = new Map(deadlines.map((d) => [d.case_id, { kind: d.kind, dueAt: new Date(d.due_at).toISOString() }]));
    return cases.map((c) => {
      const roles = caseRolesFor(user, facts.get(c.id)!);
      // The completeness guard only marks submit as blocked; it is asked of the person all the same.
      const actions = availableActions({ status: c.status, source: c.source, referralType: c.referralType, missingForSubmission: [], facts: {} }, roles);
      return CaseSummaryView.of(c, pendingActions(actions), next.get(c.id) ?? null);
    });
  }

  /**
   * The timeline; mediation content only for those who may see it (docs/procedural-rules.md B10), and a
   * document's arrival only for those who may see the document (a draft's or the other side's
   * exhibit's name is content too).
   */
  async timeline(user: AuthUser, caseId: string): Promise<CaseEventView[]> {
    const { roles } = await this.access.require(user, caseId, CaseAction.ViewTimeline);
    // A document's entry is as private as the document (a side's own exhibit names no file to the other side).
    const docs = await this.db.getRepository(CaseDocument).find({ where: { caseId }, select: { id: true, visibility: true, side: true, kind: true, uploadedBy: true } });
    const hidden = new Set(docs.filter((d) => !canSeeDocument(roles, d, user.id)).map((d) => d.id));
    const unseenDocument = (e: { type: string; payload: Record<string, unknown> }): boolean =>
      e.type === 'document_added' && typeof e.payload.documentId === 'string' && hidden.has(e.payload.documentId);
    return (await this.events.list(caseId)).filter((e) => canSeeEvent(roles, e) && !unseenDocument(e)).map(CaseEventView.of);
  }

  async verify(user: AuthUser, caseId: string) {
    await this.access.require(user, caseId, CaseAction.ViewTimeline);
    return this.events.verify(caseId);
  }
}
