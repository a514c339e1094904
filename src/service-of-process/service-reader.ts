import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { Case } from '../cases/entities/case.entity';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { NotFoundProblem } from '../common/errors/problem';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import { DeadlineKind } from '../deadlines/deadline-kinds';
import { CaseDocument } from '../documents/document.entity';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { ServedDocuments } from './served-documents';
import { ServiceOfProcess } from './service-of-process.service';
import { pdfLanguage } from './service-recipient';
import { ServiceRecord, ServicePurpose } from './service.entity';

/** The served-link landing page's summary (\`ServedNoticeView\`). */
export interface ServedNotice {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  disputeType: string;
  purpose: ServicePurpose;
  documentKind: string;
  documentName: string;
  applicants: string[];
  servedOn: string;
  language: PdfLanguage;
  answerBy: Date | null;
  awaitingAnswer: boolean;
  servedOnAccount: boolean;
  claimed: boolean;
  servedEmail: string | null;
  linkExpiresAt: Date | null;
}

/** The reads of service of process: a case's services, the staff's exhausted list, one service, a link's summary. */
@Injectable()
export class ServiceReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly service: ServiceOfProcess,
    private readonly served: ServedDocuments,
  ) {}

  async listForCase(user: AuthUser, caseId: string): Promise<ServiceRecord[]> {
    await this.access.load(user, caseId);
    const ids = (await this.db.getRepository(ServiceRecord).find({ where: { caseId }, select: { id: true }, order: { createdAt: 'ASC' } })).map((s) => s.id);
    const out: ServiceRecord[] = [];
    for (const id of ids) out.push(await this.service.refresh(id));
    return out;
  }

  /** Each party's consents to e-service per address (docs/procedural-rules.md F26), for whoever sees the case. */
  async eServiceConsents(
    user: AuthUser,
    caseId: string,
  ): Promise<{ partyId: string; channel: string; address: string; basis: string; givenAt: string; serviceId: string | null }[]> {
    await this.access.load(user, caseId);
    const rows = (await this.db.query(
      `SELECT e.party_id AS "partyId", e.channel, e.address, e.basis, e.given_at AS "givenAt", e.service_id AS "serviceId"
       FROM e_service_consents e JOIN case_parties p ON p.id = e.party_id WHERE e.case_id = $1 ORDER BY p.side, p.position, e.channel, e.address`,
      [caseId],
    )) as { partyId: string; channel: string; address: string; basis: string; givenAt: Date; serviceId: string | null }[];
    return rows.map((r) => ({ ...r, givenAt: r.givenAt.toISOString() }));
  }

  /**
   * Services every consented channel failed to make effective and nobody has served offline
   * since: the staff's to-do list, longest waiting first, each with its case's number and title.
   */
  async exhausted(query: { limit?: number; cursor?: string }): Promise<Page<{ service: ServiceRecord; caseNumber: string; caseTitle: string }>> {
    const limit = query.limit ?? 20;
    const qb = this.db
      .getRepository(ServiceRecord)
      .createQueryBuilder('s')
      .innerJoin(Case, 'c', 'c.id = s.case_id')
      .addSelect(['c.number', 'c.title'])
      .where('s.exhausted_at IS NOT NULL AND s.offline_at IS NULL AND s.effective_at IS NULL')
      .orderBy('s.exhausted_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1);
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere('(s.exhausted_at, s.id) > (:at, :id)', { at: after[0], id: after[1] });
    const { entities, raw } = await qb.getRawAndEntities<{ c_number: string; c_title: string }>();
    const rows = entities.map((service, i) => ({ service, caseNumber: raw[i].c_number, caseTitle: raw[i].c_title }));
    return toPage(rows, limit, (r) => [r.service.exhaustedAt!.toISOString(), r.service.id]);
  }

  async get(user: AuthUser, id: string): Promise<ServiceRecord> {
    const s = await this.db.getRepository(ServiceRecord).findOneBy({ id });
    if (!s) throw new NotFoundProblem(`No service ${id}`);
    await this.access.load(user, s.caseId).catch(() => {
      throw new NotFoundProblem(`No service ${id}`);
    });
    return this.service.refresh(id);
  }

  /**
   * What the served-link landing page shows before anyone signs in (\`/served/{token}\`): what was
   * served, on which case, by whom, and by when to answer — nothing the notice itself does not
   * say, and none of the application's contents. Not a reading (docs/procedural-rules.md F27):
   * the served document is the PDF, whose opening is recorded; a summary fetched by a page (or a
   * mail scanner) proves nobody read the notice.
   */
  async servedNotice(token: string): Promise<ServedNotice> {
    const s = await this.served.byLink(token);
    const c = await this.db.getRepository(Case).findOneByOrFail({ id: s.caseId });
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const party = parties.find((p) => p.id === s.partyId) ?? null;
    const doc = await this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.documentId });
    const [reader] = s.recipientUserId
      ? ((await this.db.query(`SELECT preferred_language FROM users WHERE id = $1`, [s.recipientUserId])) as { preferred_language: string }[])
      : [];
    const [deadline] = (await this.db.query(
      `SELECT due_at FROM deadlines WHERE case_id = $1 AND kind = $2 AND cancelled_at IS NULL AND fired_at IS NULL ORDER BY due_at DESC LIMIT 1`,
      [c.id, DeadlineKind.RespondentConsent],
    )) as { due_at: Date }[];
    const answered = party ? ((await this.db.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1 AND party_id = $2`, [c.id, party.id])) as unknown[]).length > 0 : false;
    const claimed = s.recipientUserId !== null || party?.userId != null;
    return {
      caseId: c.id,
      caseNumber: c.number,
      caseTitle: c.title,
      disputeType: c.disputeType,
      purpose: s.purpose,
      documentKind: doc.kind,
      documentName: doc.filename,
      applicants: parties.filter((p) => p.side === PartySide.Applicant).map((p) => p.name),
      servedOn: s.recipientName,
      language: pdfLanguage(reader?.preferred_language ?? c.preferredLanguage),
      answerBy: s.purpose === ServicePurpose.NoticeOfMediation && deadline ? deadline.due_at : null,
      awaitingAnswer: s.purpose === ServicePurpose.NoticeOfMediation && c.status === CaseStatus.AwaitingRespondent && party?.side === PartySide.Respondent && !answered,
      servedOnAccount: s.recipientUserId !== null,
      claimed,
      // The address the link was sent to, to prefill the sign-up: the holder already knows it.
      servedEmail: claimed ? null : (party?.email ?? null),
      linkExpiresAt: s.linkExpiresAt,
    };
  }
}
