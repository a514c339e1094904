import { HttpStatus, Injectable } from '@nestjs/common';
import { mediatorForDocuments } from '../organisations/mediator-for-documents';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { Language } from '../auth/roles';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { Case } from '../cases/entities/case.entity';
import { CaseParty, EServiceConsentBasis, PartySide } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ConflictProblem, ForbiddenProblem, IdentityVerificationRequiredProblem, NotFoundProblem, ProblemException, ProblemType } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { NotificationDelivery } from '../notifications/notification-delivery.entity';
import { DOCUMENT_SERVED_TEMPLATE, SERVICE_FAILED_TEMPLATE, SERVICE_TEMPLATE } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { deemedServed, type ServiceChannel } from './deemed-served';
import { noticeOfMediation, serviceCertificate } from './service-documents';
import { nextAttempt } from './service-attempts';
import { ANY_HOLDER, verifyServiceLink } from './service-link';
import { DeadlineKind } from '../deadlines/deadline-kinds';
import { Service, ServicePurpose, type ServiceAddress } from './service.entity';

/** What serveOnParties needs: the case, why, whom (default: every party), and the document per language. */
export interface ServeOnParties {
  case: Case;
  purpose: ServicePurpose;
  partyIds?: readonly string[];
  document: (lang: PdfLanguage) => Promise<CaseDocument>;
}

export interface ServeOnCourt {
  case: Case;
  purpose: ServicePurpose;
  courtOrganisationId: string;
  document: (lang: PdfLanguage) => Promise<CaseDocument>;
}

/** Whom one service is for, where they can be reached, and which of those addresses are confirmed. */
interface Recipient {
  partyId: string | null;
  organisationId: string | null;
  name: string;
  language: PdfLanguage;
  /** The party's account… */
  user?: UserRow;
  /** …or, without one, the addresses on the party record… */
  partyAddress?: { email: string | null; phone: string | null };
  /** …or every member of a served organisation (a court). */
  members?: UserRow[];
  reachable: ReadonlySet<ServiceChannel>;
  /** The basis on which an address counts as confirmed (docs/procedural-rules.md F27), or null. */
  confirmed: (channel: ServiceChannel, address: string) => string | null;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

interface UserRow {
  id: string;
  email: string | null;
  phone: string | null;
  preferred_language: string;
  display_name: string;
}

/** Bases on which an address counts as confirmed (docs/procedural-rules.md F26): given in the form, agreed before, or in its own filing. */
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

const CONFIRMING_BASES: readonly string[] = [EServiceConsentBasis.Express, EServiceConsentBasis.PriorAgreement, EServiceConsentBasis.ImpliedByFiling];
const same = (a: string | null, b: string | null): boolean => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
const pdfLanguage = (l: string | null | undefined): PdfLanguage => (l === Language.En ? 'en' : 'zh-CN');

class GoneProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.GONE, ProblemType.LinkExpired, 'Link expired', detail);
  }
}

/**
 * Electronic service (docs/procedural-rules.md F26-F28): serves documents through the channels a party consented
 * to, records every attempt through the notification delivery records, decides when service is
 * complete (deemedServed), proves reading, and issues the service certificate. It also serves the
 * notice of mediation when a mediator accepts and takes the respondents' answers (docs/procedural-rules.md A3).
 */
@Injectable()
export class ServiceOfProcess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: Notifier,
    private readonly documents: DocumentsService,
    private readonly storage: ObjectStorage,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The mediator's acceptance serves the notice of mediation on the respondents: with the acceptance or not at all. */
  @TransitionEffect('serviceOfProcess.serveNoticeOfMediation')
  async noticeOnAcceptance(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.serveNoticeOfMediation(tx, fired.case);
  }

  private async serveNoticeOfMediation(tx: EntityManager, c: Case): Promise<void> {
    const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const respondents = parties.filter((p) => p.side === PartySide.Respondent);
    const mediator = await mediatorForDocuments(tx, c.mediatorId);
    const now = this.clock.now();
    await this.serveOnParties(tx, {
      case: c,
      purpose: ServicePurpose.NoticeOfMediation,
      partyIds: respondents.map((p) => p.id),
      document: async (lang) => {
        const documentId = `${c.number}-NOTICE-${lang}`;
        const pdf = await renderPdf(
          noticeOfMediation(
            {
              documentId,
              caseNumber: c.number,
              caseTitle: c.title,
              disputeType: c.disputeType,
              statement: c.statement,
              claims: c.claims,
              applicants: parties.filter((p) => p.side === PartySide.Applicant).map((p) => p.name),
              respondents: respondents.map((p) => p.name),
              mediatorName: mediator?.name ?? '—',
              organisation: mediator?.organisation ?? null,
              answerWorkingDays: this.config.get('RESPONDENT_CONSENT_WORKING_DAYS'),
              issuedAt: now,
              timeZone: this.config.get('PLATFORM_TIMEZONE'),
            },
            lang,
          ),
          lang,
          { timeZone: this.config.get('PLATFORM_TIMEZONE') },
        );
        return this.documents.addGenerated(
          {
            caseId: c.id,
            kind: DocumentKind.NoticeOfMediation,
            visibility: DocumentVisibility.AllParties,
            filename: lang === 'zh-CN' ? `调解通知书-${c.number}.pdf` : `notice-of-mediation-${c.number}.pdf`,
            contentType: 'application/pdf',
            bytes: pdf,
            actorId: null,
            actorRole: CaseRole.System,
          },
          tx,
        );
      },
    });
    // Respondents see the case from the moment the notice is served on them.
    await tx.query(`UPDATE cases SET respondent_access_from = COALESCE(respondent_access_from, $2) WHERE id = $1`, [c.id, now]);
  }

  /**
   * Serves a document on parties of a case (docs/procedural-rules.md F26-F28), inside the caller's transaction:
   * one service record per party, sent through the channels that party consented to, recorded
   * in the case's hash chain. Every document the platform serves (notices, agreements, rulings,
   * reports) goes through here. `document` is asked once per language the recipients read.
   */
  async serveOnParties(tx: EntityManager, input: ServeOnParties): Promise<Service[]> {
    const c = input.case;
    const all = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const parties = input.partyIds ? all.filter((p) => input.partyIds!.includes(p.id)) : all;
    const documents = new Map<PdfLanguage, CaseDocument>();
    const served: Service[] = [];
    for (const party of parties) {
      const to = await this.partyRecipient(tx, c, party);
      const doc = documents.get(to.language) ?? (await input.document(to.language));
      documents.set(to.language, doc);
      served.push(await this.send(tx, c, input.purpose, doc, to));
    }
    return served;
  }

  /**
   * Serves a document on a court (a failure report handed back, an application for confirmation):
   * through the platform to the court's members, whose platform accounts are the court's
   * confirmed address for service (it joined the platform to receive them).
   */
  async serveOnCourt(tx: EntityManager, input: ServeOnCourt): Promise<Service> {
    const [court] = (await tx.query(`SELECT name FROM organisations WHERE id = $1`, [input.courtOrganisationId])) as { name: string }[];
    if (!court) throw new NotFoundProblem(`No court ${input.courtOrganisationId}`);
    const members = (await tx.query(
      `SELECT u.id, u.email, u.phone, u.preferred_language, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = $1 AND u.status = 'active' ORDER BY m.created_at, u.id`,
      [input.courtOrganisationId],
    )) as UserRow[];
    const language = pdfLanguage(input.case.preferredLanguage);
    const doc = await input.document(language);
    return this.send(tx, input.case, input.purpose, doc, {
      partyId: null,
      organisationId: input.courtOrganisationId,
      name: court.name,
      language,
      members,
      reachable: new Set<ServiceChannel>(members.length ? ['in_app', 'email'] : []),
      confirmed: (channel) => (channel === 'in_app' ? 'court_platform_account' : null),
    });
  }

  /**
   * Whom serving a party reaches: its account (inbox, the account's e-mail and phone) or, for a
   * party without one (a respondent named in an application), the e-mail and phone on the party
   * record. A party that refused electronic service is served offline by staff.
   */
  private async partyRecipient(tx: EntityManager, c: Case, party: CaseParty): Promise<Recipient> {
    const [user] = party.userId
      ? ((await tx.query(`SELECT id, email, phone, preferred_language, display_name FROM users WHERE id = $1 AND status = 'active'`, [party.userId])) as UserRow[])
      : [];
    const electronic = party.consentEService !== false;
    const reachable = new Set<ServiceChannel>();
    if (electronic && user) {
      reachable.add('in_app');
      if (user.email) reachable.add('email');
      if (user.phone) reachable.add('sms');
    } else if (electronic) {
      if (party.email) reachable.add('email');
      if (party.phone) reachable.add('sms');
    }
    const basis = party.consentEService === true && party.eServiceBasis !== null && CONFIRMING_BASES.includes(party.eServiceBasis) ? party.eServiceBasis : null;
    return {
      partyId: party.id,
      organisationId: null,
      name: party.name,
      language: pdfLanguage(user?.preferred_language ?? c.preferredLanguage),
      user,
      partyAddress: user ? undefined : { email: party.email, phone: party.phone },
      reachable,
      confirmed: (channel, address) => {
        const ok = basis !== null && (channel === 'in_app' || (channel === 'email' && same(address, party.email)) || (channel === 'sms' && same(address, party.phone)));
        return ok ? basis : null;
      },
    };
  }

  private async send(tx: EntityManager, c: Case, purpose: ServicePurpose, doc: CaseDocument, to: Recipient): Promise<Service> {
    const now = this.clock.now();
    const id = randomUUID();
    const personal = to.members === undefined;
    await tx.insert(Service, {
      id,
      caseId: c.id,
      purpose,
      documentId: doc.id,
      documentSha256: doc.sha256,
      partyId: to.partyId,
      recipientOrganisationId: to.organisationId,
      recipientUserId: to.user?.id ?? null,
      recipientName: to.name,
      channels: [],
      addresses: [],
      notificationIds: [],
      linkExpiresAt: personal ? new Date(now.getTime() + this.config.get('SERVICE_LINK_TTL_DAYS') * 86_400_000) : null,
      sentAt: null,
      delivered: [],
      createdAt: now,
    });
    const service = await tx.findOneByOrFail(Service, { id });
    await this.attempt(tx, c, service, doc, to);
    return tx.findOneByOrFail(Service, { id });
  }

  /**
   * One attempt of a service: the next channels of the plan, recorded on the service and in the
   * case's hash chain (docs/procedural-rules.md F28). Schedules the next attempt, or marks the service exhausted
   * when there is no channel left to try.
   */
  private async attempt(tx: EntityManager, c: Case, s: Service, doc: CaseDocument, to: Recipient): Promise<ServiceChannel[]> {
    const now = this.clock.now();
    const channels = nextAttempt(to.reachable, new Set(s.channels));
    if (channels.length === 0) return [];
    const data = {
      caseId: c.id,
      caseNumber: c.number,
      caseTitle: c.title,
      serviceId: s.id,
      documentId: doc.id,
      documentName: doc.filename,
      purpose: s.purpose,
      // A signed reading link is personal (docs/procedural-rules.md F27): a court's members read in the platform.
      ...(s.linkExpiresAt ? { linkExpiresAt: s.linkExpiresAt.toISOString() } : {}),
    };
    const template = s.purpose === ServicePurpose.NoticeOfMediation ? SERVICE_TEMPLATE : DOCUMENT_SERVED_TEMPLATE;
    let notificationIds: string[];
    let addresses: ServiceAddress[];
    if (to.partyAddress) {
      const nid = await this.notifier.notifyAddress(tx, {
        ...to.partyAddress,
        language: to.language,
        template,
        data,
        caseId: c.id,
        channels: channels.filter((ch): ch is 'email' | 'sms' => ch !== 'in_app'),
      });
      notificationIds = nid ? [nid] : [];
      addresses = channels.map((channel) => {
        const address = (channel === 'email' ? to.partyAddress!.email : to.partyAddress!.phone)!;
        const basis = to.confirmed(channel, address);
        return { channel, address, confirmed: basis !== null, basis };
      });
    } else {
      const people = to.user ? [to.user] : (to.members ?? []);
      notificationIds = await this.notifier.notify(tx, { userIds: people.map((u) => u.id), template, caseId: c.id, data, channels });
      const made = notificationIds.length
        ? ((await tx.query(`SELECT channels, user_id FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY user_id`, [notificationIds])) as {
            channels: ServiceChannel[];
            user_id: string;
          }[])
        : [];
      addresses = made.flatMap((n) => {
        const person = people.find((u) => u.id === n.user_id)!;
        return n.channels.map((channel) => {
          const address = channel === 'email' ? person.email! : channel === 'sms' ? person.phone! : person.id;
          const basis = to.confirmed(channel, address);
          return { channel, address, confirmed: basis !== null, basis };
        });
      });
    }
    const tried = [...new Set([...s.channels, ...channels])];
    const more = nextAttempt(to.reachable, new Set(tried)).length > 0;
    await tx.update(Service, { id: s.id }, {
      channels: tried,
      addresses: [...s.addresses, ...addresses],
      notificationIds: [...s.notificationIds, ...notificationIds],
      sentAt: s.sentAt ?? (notificationIds.length ? now : null),
      // Personal services fall back channel by channel; a court is served through its members' accounts.
      nextAttemptAt: to.members === undefined ? new Date(now.getTime() + this.config.get('SERVICE_FALLBACK_HOURS') * 3_600_000) : null,
    });
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
      type: s.channels.length === 0 ? 'service_sent' : 'service_fallback_sent',
      actorId: null,
      actorRole: CaseRole.System,
      payload: {
        serviceId: s.id,
        purpose: s.purpose,
        partyId: to.partyId,
        recipientOrganisationId: to.organisationId,
        recipientUserId: to.user?.id ?? null,
        documentId: doc.id,
        sha256: doc.sha256,
        addresses,
        notificationIds,
        moreChannels: more,
      },
    });
    return channels;
  }

  /**
   * The fallback (docs/procedural-rules.md F26): for a personal service not effective by its next-attempt time,
   * try the next consented channel; with none left, record it as exhausted and tell the staff.
   * Locked per case, idempotent: the sweep may run it in several workers at once.
   */
  async fallBack(serviceId: string): Promise<'attempted' | 'exhausted' | 'nothing_to_do'> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(Service, { id: serviceId });
      if (!found) return 'nothing_to_do';
      await this.events.lockCase(tx, found.caseId);
      const s = await this.refresh(serviceId, tx);
      if (s.effectiveAt || s.offlineAt || s.exhaustedAt || !s.nextAttemptAt || s.nextAttemptAt.getTime() > this.clock.nowMs() || !s.partyId) {
        if (s.effectiveAt || s.offlineAt) await tx.update(Service, { id: s.id }, { nextAttemptAt: null });
        return 'nothing_to_do';
      }
      const c = await tx.findOneByOrFail(Case, { id: s.caseId });
      const party = await tx.findOneByOrFail(CaseParty, { id: s.partyId });
      const doc = await tx.findOneByOrFail(CaseDocument, { id: s.documentId });
      const to = await this.partyRecipient(tx, c, party);
      if ((await this.attempt(tx, c, s, doc, to)).length > 0) return 'attempted';
      const now = this.clock.now();
      await tx.update(Service, { id: s.id }, { nextAttemptAt: null, exhaustedAt: now });
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'service_exhausted',
        actorId: null,
        actorRole: CaseRole.System,
        payload: { serviceId: s.id, purpose: s.purpose, partyId: s.partyId, channels: s.channels },
      });
      const staff = (await tx.query(`SELECT id FROM users WHERE status = 'active' AND 'admin' = ANY(roles)`)) as { id: string }[];
      await this.notifier.notify(tx, {
        userIds: staff.map((u) => u.id),
        template: SERVICE_FAILED_TEMPLATE,
        caseId: c.id,
        data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, serviceId: s.id, recipientName: s.recipientName, documentName: doc.filename },
      });
      return 'exhausted';
    });
  }

  /** Personal services whose next attempt is due (for the sweep). */
  async dueForFallback(limit = 100): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM services WHERE next_attempt_at <= $1 AND effective_at IS NULL AND exhausted_at IS NULL AND offline_at IS NULL ORDER BY next_attempt_at LIMIT $2`,
      [this.clock.now(), limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Recompute a service's times from the delivery records (append-only, so this only ever fills in). */
  async refresh(id: string, manager: EntityManager = this.db.manager): Promise<Service> {
    const s = await manager.findOneByOrFail(Service, { id });
    const deliveries = s.notificationIds.length ? await manager.find(NotificationDelivery, { where: { notificationId: In(s.notificationIds) } }) : [];
    const outcome = deemedServed({
      channels: s.addresses.map((a) => ({ ...a, deliveries: deliveries.filter((d) => d.channel === a.channel) })),
      readAt: s.readAt,
      actedAt: s.actedAt,
      offlineServedAt: s.offlineServedAt,
    });
    await manager.update(Service, { id }, { delivered: outcome.channels, effectiveAt: outcome.effectiveAt, effectiveRule: outcome.rule, effectiveChannel: outcome.channel });
    return manager.findOneByOrFail(Service, { id });
  }

  async listForCase(user: AuthUser, caseId: string): Promise<Service[]> {
    await this.access.load(user, caseId);
    const ids = (await this.db.getRepository(Service).find({ where: { caseId }, select: { id: true }, order: { createdAt: 'ASC' } })).map((s) => s.id);
    const out: Service[] = [];
    for (const id of ids) out.push(await this.refresh(id));
    return out;
  }

  /**
   * Services every consented channel failed to make effective and nobody has served offline
   * since: the staff's to-do list, longest waiting first, each with its case's number and title.
   */
  async exhausted(query: { limit?: number; cursor?: string }): Promise<Page<{ service: Service; caseNumber: string; caseTitle: string }>> {
    const limit = query.limit ?? 20;
    const qb = this.db
      .getRepository(Service)
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

  async get(user: AuthUser, id: string): Promise<Service> {
    const s = await this.db.getRepository(Service).findOneBy({ id });
    if (!s) throw new NotFoundProblem(`No service ${id}`);
    await this.access.load(user, s.caseId).catch(() => {
      throw new NotFoundProblem(`No service ${id}`);
    });
    return this.refresh(id);
  }

  /**
   * Opening the served document through its signed link, anonymously or signed in. Refused
   * (nothing recorded) when the link is tampered with or expired, or when someone other than
   * its recipient is signed in.
   */
  async openByLink(token: string, signedIn: AuthUser | null, origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const s = await this.linkedService(this.checkLink(token));
    // A party without an account may have signed up and claimed the party since: then only that person.
    const owner = s.recipientUserId ?? (s.partyId ? ((await this.db.getRepository(CaseParty).findOneBy({ id: s.partyId }))?.userId ?? null) : null);
    if (signedIn && owner !== null && signedIn.id !== owner) throw new ForbiddenProblem('This link is for another person: only its recipient may open it');
    if (signedIn && owner === null) throw new ForbiddenProblem('This link is for a party without an account: sign out to read it, or claim the party first');
    return this.recordReadAndOpen(s, 'link', origin);
  }

  /**
   * What the served-link landing page shows before anyone signs in (\`/served/{token}\`): what was
   * served, on which case, by whom, and by when to answer — nothing the notice itself does not
   * say, and none of the application's contents. Not a reading (docs/procedural-rules.md F27):
   * the served document is the PDF, whose opening is recorded; a summary fetched by a page (or a
   * mail scanner) proves nobody read the notice.
   */
  async servedNotice(token: string): Promise<ServedNotice> {
    const s = await this.linkedService(this.checkLink(token));
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
    const answered = party
      ? ((await this.db.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1 AND party_id = $2`, [c.id, party.id])) as unknown[]).length > 0
      : false;
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

  private async linkedService(payload: { serviceId: string; userId: string }): Promise<Service> {
    const s = await this.db.getRepository(Service).findOneBy({ id: payload.serviceId });
    if (!s || (s.recipientUserId ?? ANY_HOLDER) !== payload.userId) throw new ForbiddenProblem('This link is not valid');
    return s;
  }

  private checkLink(token: string): { serviceId: string; userId: string } {
    const secret = this.config.get('SERVICE_LINK_SECRET') ?? this.config.get('JWT_SECRET');
    const check = secret ? verifyServiceLink(secret, token, this.clock.nowMs()) : ({ ok: false, reason: 'bad_signature' } as const);
    if (!check.ok) {
      if (check.reason === 'expired') throw new GoneProblem('This link has expired: sign in to the platform to read the document');
      throw new ForbiddenProblem('This link is not valid');
    }
    return check.payload;
  }

  /**
   * A party served at its address without an account takes the case into the account it signed
   * in with: holding the link proves control of the party's address for service. Only a party
   * no account holds yet; the claim is kept in the case's chain.
   */
  async claimParty(token: string, user: AuthUser, origin: RequestOrigin): Promise<{ caseId: string; partyId: string }> {
    const s = await this.linkedService(this.checkLink(token));
    if (s.recipientUserId !== null || !s.partyId) throw new ConflictProblem('This service was made on an account: there is nothing to claim');
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, s.caseId);
      const party = await tx.findOneByOrFail(CaseParty, { id: s.partyId! });
      if (party.userId === user.id) return { caseId: s.caseId, partyId: party.id };
      if (party.userId !== null) throw new ConflictProblem('This party is already held by another account');
      const c = await tx.findOneByOrFail(Case, { id: s.caseId });
      if (c.status === CaseStatus.Closed || c.status === CaseStatus.Archived) throw new ConflictProblem(`The case is ${c.status}`);
      await tx.update(CaseParty, { id: party.id }, { userId: user.id });
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'party_claimed',
        actorId: user.id,
        actorRole: party.side === PartySide.Respondent ? CaseRole.Respondent : CaseRole.Applicant,
        payload: { partyId: party.id, serviceId: s.id, ip: origin.ip, userAgent: origin.userAgent },
      });
      return { caseId: c.id, partyId: party.id };
    });
  }

  /** The recipient opening the served document in the platform while signed in. */
  async openInPlatform(user: AuthUser, id: string, origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const s = await this.get(user, id);
    const courtMember = s.recipientOrganisationId !== null && user.memberships.some((m) => m.organisationId === s.recipientOrganisationId);
    if (s.recipientUserId !== user.id && !courtMember) throw new ForbiddenProblem('Only the recipient opens a served document this way (others download it from the case documents)');
    return this.recordReadAndOpen(s, 'platform', origin);
  }

  private async recordReadAndOpen(s: Service, via: 'link' | 'platform', origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const doc = await this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.documentId });
    const stream = await this.storage.get(doc.storageKey);
    // The first reading is the proof; later ones change nothing.
    await this.db.query(
      `UPDATE services SET read_at = $2, read_via = $3, read_ip = $4, read_user_agent = $5 WHERE id = $1 AND read_at IS NULL`,
      [s.id, this.clock.now(), via, origin.ip, origin.userAgent?.slice(0, 500) ?? null],
    );
    await this.refresh(s.id);
    return { doc, stream };
  }

  /**
   * A respondent's answer to the notice of mediation (docs/procedural-rules.md A3), by the respondent or its
   * agent with a verified identity. Agree → respondent_agree, and once every respondent agreed,
   * start_mediation; decline → respondent_decline (court referrals go back to the court).
   */
  async answer(user: AuthUser, caseId: string, body: { agree: boolean; reason?: string }, origin: RequestOrigin): Promise<{ status: string }> {
    return this.db.transaction(async (tx) => {
      await this.access.require(user, caseId, CaseAction.AnswerNotice, tx);
      if (!user.identityVerified) throw new IdentityVerificationRequiredProblem('answering the notice of mediation', 'rule A6');
      const own = (await tx.query(
        `SELECT id FROM case_parties WHERE case_id = $1 AND side = 'respondent' AND user_id = $2
         UNION SELECT party_id FROM case_agents WHERE case_id = $1 AND side = 'respondent' AND user_id = $2`,
        [caseId, user.id],
      )) as { id: string }[];
      const partyId = own[0]?.id;
      if (!partyId) throw new ForbiddenProblem('You do not act for a respondent of this case');
      const answered = (await tx.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1 AND party_id = $2`, [caseId, partyId])) as unknown[];
      if (answered.length > 0) throw new ConflictProblem('This respondent has already answered');
      const actor = { kind: 'user' as const, user };
      const fired = await this.transitions.fire(
        {
          caseId,
          event: body.agree ? CaseEvent.RespondentAgree : CaseEvent.RespondentDecline,
          actor,
          payload: { partyId, ...(body.reason ? { reason: body.reason } : {}) },
          triggers: ['feature'],
        },
        tx,
      );
      const now = this.clock.now();
      await tx.query(`INSERT INTO respondent_answers (case_id, party_id, user_id, agree, reason, ip, user_agent, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        caseId,
        partyId,
        user.id,
        body.agree,
        body.reason ?? null,
        origin.ip,
        origin.userAgent?.slice(0, 500) ?? null,
        now,
      ]);
      // Answering is acting on the service (docs/procedural-rules.md F27): it completes it, whatever the address.
      const served = (await tx.query(`UPDATE services SET acted_at = $3 WHERE case_id = $1 AND party_id = $2 AND purpose = $4 AND acted_at IS NULL RETURNING id`, [caseId, partyId, now, ServicePurpose.NoticeOfMediation])) as [
        { id: string }[],
        number,
      ];
      for (const row of served[0]) await this.refresh(row.id, tx);
      if (!body.agree) return { status: fired.case.status };
      const [{ waiting }] = (await tx.query(
        `SELECT count(*)::int AS waiting FROM case_parties p WHERE p.case_id = $1 AND p.side = 'respondent'
         AND NOT EXISTS (SELECT 1 FROM respondent_answers a WHERE a.party_id = p.id AND a.agree)`,
        [caseId],
      )) as { waiting: number }[];
      if (waiting > 0) return { status: fired.case.status };
      const started = await this.transitions.fire(
        { caseId, event: CaseEvent.StartMediation, actor: { kind: 'system', reason: 'every respondent agreed to mediate' }, facts: { allRespondentsAgreed: true }, triggers: ['feature'] },
        tx,
      );
      return { status: started.case.status };
    });
  }

  /**
   * The address-for-service form (docs/procedural-rules.md A6), by a party or its agent for its own party: the
   * addresses become confirmed ones (express consent), and the form is kept in the case's chain.
   */
  async confirmAddress(user: AuthUser, caseId: string, body: { email: string; phone?: string }, origin: RequestOrigin): Promise<CaseParty> {
    return this.db.transaction(async (tx) => {
      const { roles, case: c } = await this.access.require(user, caseId, CaseAction.ConfirmServiceAddress, tx);
      const own = (await tx.query(
        `SELECT id FROM case_parties WHERE case_id = $1 AND user_id = $2
         UNION SELECT party_id FROM case_agents WHERE case_id = $1 AND user_id = $2`,
        [caseId, user.id],
      )) as { id: string }[];
      const party = own[0]?.id;
      if (!party) throw new ForbiddenProblem('You do not act for a party of this case');
      if (c.status === CaseStatus.Closed || c.status === CaseStatus.Archived) throw new ConflictProblem(`The case is ${c.status}`);
      await this.events.lockCase(tx, caseId);
      const now = this.clock.now();
      await tx.update(CaseParty, { id: party }, {
        email: body.email,
        phone: body.phone ?? null,
        consentEService: true,
        eServiceBasis: EServiceConsentBasis.Express,
        addressConfirmedAt: now,
        addressConfirmedBy: user.id,
      });
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'address_for_service_confirmed',
        actorId: user.id,
        actorRole: roles[0],
        payload: { partyId: party, email: body.email, phone: body.phone ?? null, consentEService: true, ip: origin.ip, userAgent: origin.userAgent },
      });
      return tx.findOneByOrFail(CaseParty, { id: party });
    });
  }

  /** The electronic service certificate (docs/procedural-rules.md F28) of a completed service; issued once. */
  async certificate(user: AuthUser, id: string): Promise<CaseDocument> {
    const s = await this.get(user, id);
    if (s.certificateDocumentId) return this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.certificateDocumentId });
    if (!s.effectiveAt) throw new ConflictProblem('The service is not complete yet: a certificate is issued once it is effective');
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM services WHERE id = $1 FOR UPDATE`, [id]);
      const locked = await this.refresh(id, tx);
      if (locked.certificateDocumentId) return tx.findOneByOrFail(CaseDocument, { id: locked.certificateDocumentId });
      const c = await tx.findOneByOrFail(Case, { id: locked.caseId });
      const served = await tx.findOneByOrFail(CaseDocument, { id: locked.documentId });
      const account = locked.recipientUserId ? ((await tx.query(`SELECT email FROM users WHERE id = $1`, [locked.recipientUserId])) as { email: string }[])[0]?.email ?? null : null;
      const lang = pdfLanguage(c.preferredLanguage);
      const issuedAt = this.clock.now();
      const pdf = await renderPdf(
        serviceCertificate(
          { certificateId: `${c.number}-SC-${locked.id.slice(0, 8)}`, service: locked, caseNumber: c.number, documentName: served.filename, documentKind: served.kind, recipientAccount: account, issuedAt, timeZone: this.config.get('PLATFORM_TIMEZONE') },
          lang,
        ),
        lang,
        { timeZone: this.config.get('PLATFORM_TIMEZONE') },
      );
      const doc = await this.documents.addGenerated(
        {
          caseId: c.id,
          kind: DocumentKind.ServiceCertificate,
          visibility: DocumentVisibility.Court,
          filename: lang === 'zh-CN' ? `送达回证-${c.number}-${locked.id.slice(0, 8)}.pdf` : `certificate-of-service-${c.number}-${locked.id.slice(0, 8)}.pdf`,
          contentType: 'application/pdf',
          bytes: pdf,
          actorId: user.id,
          actorRole: CaseRole.System,
        },
        tx,
      );
      await tx.update(Service, { id }, { certificateDocumentId: doc.id });
      return doc;
    });
  }

  /** Staff record that a service was switched to offline (docs/procedural-rules.md A1), with who and why; a served-at time completes it. */
  async recordOffline(admin: AuthUser, id: string, body: { reason: string; method: string; servedAt?: string }): Promise<Service> {
    const s = await this.get(admin, id);
    if (s.offlineAt) throw new ConflictProblem('An offline service is already recorded for this service');
    const servedAt = body.servedAt ? new Date(body.servedAt) : null;
    if (servedAt && servedAt.getTime() > this.clock.nowMs()) throw new ConflictProblem('servedAt cannot be in the future');
    await this.db.getRepository(Service).update({ id }, { offlineAt: this.clock.now(), offlineBy: admin.id, offlineReason: body.reason, offlineMethod: body.method, offlineServedAt: servedAt });
    return this.refresh(id);
  }
}
