// Over 300 lines on purpose: the one path by which every document is served (whom, which channels,
// each attempt, the fallback, exhaustion), kept together so no feature serves around it.
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CaseEventLog } from '../cases/case-event-log.service';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { NotFoundProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { CaseDocument } from '../documents/document.entity';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { runPrepared } from '../common/database/prepared-statement';
import { ACTIVE_ADMINS } from '../notifications/active-admins';
import { NotificationDelivery } from '../notifications/notification-delivery.entity';
import { DOCUMENT_SERVED_TEMPLATE, SERVICE_FAILED_TEMPLATE, SERVICE_TEMPLATE } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { deemedServed, type ServiceChannel } from './deemed-served';
import { nextAttempt } from './service-attempts';
import { partyRecipient, pdfLanguage, type Recipient, type UserRow } from './service-recipient';
import { ServiceRecord, ServicePurpose, type ServiceAddress } from './service.entity';

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

/**
 * Electronic service (docs/procedural-rules.md F26-F28): serves documents through the channels a party consented
 * to, records every attempt through the notification delivery records, decides when service is
 * complete (deemedServed), and falls back channel by channel. The one service path other features
 * call; the HTTP use cases are in actions/, the reads in ServiceReader, the notice of mediation in
 * NoticeOfMediationEffects.
 */
@Injectable()
export class ServiceOfProcess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: Notifier,
    private readonly events: CaseEventLog,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Serves a document on parties of a case (docs/procedural-rules.md F26-F28), inside the caller's transaction:
   * one service record per party, sent through the channels that party consented to, recorded
   * in the case's hash chain. Every document the platform serves (notices, agreements, rulings,
   * reports) goes through here. `document` is asked once per language the recipients read.
   */
  async serveOnParties(tx: EntityManager, input: ServeOnParties): Promise<ServiceRecord[]> {
    const c = input.case;
    const parties = await this.servedParties(tx, c, input.partyIds);
    const documents = new Map<PdfLanguage, CaseDocument>();
    const served: ServiceRecord[] = [];
    for (const party of parties) {
      const to = await partyRecipient(tx, c, party);
      const doc = documents.get(to.language) ?? (await input.document(to.language));
      documents.set(to.language, doc);
      served.push(await this.send(tx, c, input.purpose, doc, to));
    }
    return served;
  }

  /**
   * The languages serveOnParties (and serveOnCourt, when `court` is set) will ask documents in,
   * read through `manager`: an action renders those documents before its transaction opens, then
   * serves under the lock.
   */
  async languagesOf(manager: EntityManager, c: Case, recipients: { partyIds?: readonly string[]; court?: boolean } = {}): Promise<Set<PdfLanguage>> {
    const languages = new Set<PdfLanguage>();
    for (const party of await this.servedParties(manager, c, recipients.partyIds)) languages.add((await partyRecipient(manager, c, party)).language);
    if (recipients.court) languages.add(pdfLanguage(c.preferredLanguage));
    return languages;
  }

  private async servedParties(manager: EntityManager, c: Case, partyIds?: readonly string[]): Promise<CaseParty[]> {
    const all = await manager.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    return partyIds ? all.filter((p) => partyIds.includes(p.id)) : all;
  }

  /**
   * Serves a document on a court (a failure report handed back, an application for confirmation):
   * through the platform to the court's members, whose platform accounts are the court's
   * confirmed address for service (it joined the platform to receive them).
   */
  async serveOnCourt(tx: EntityManager, input: ServeOnCourt): Promise<ServiceRecord> {
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

  private async send(tx: EntityManager, c: Case, purpose: ServicePurpose, doc: CaseDocument, to: Recipient): Promise<ServiceRecord> {
    const now = this.clock.now();
    const id = randomUUID();
    const personal = to.members === undefined;
    await tx.insert(ServiceRecord, {
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
    const service = await tx.findOneByOrFail(ServiceRecord, { id });
    const sent = await this.attempt(tx, c, service, doc, to);
    // A party no channel may reach (it refused online handling or e-service, or its service was
    // switched offline: docs/procedural-rules.md A1) goes straight to the staff, to serve on paper.
    if (sent.length === 0 && personal) await this.exhaust(tx, c, service, doc, 'no_electronic_channel');
    return tx.findOneByOrFail(ServiceRecord, { id });
  }

  /**
   * One attempt of a service: the next channels of the plan, recorded on the service and in the
   * case's hash chain (docs/procedural-rules.md F28). Schedules the next attempt, or marks the service exhausted
   * when there is no channel left to try.
   */
  private async attempt(tx: EntityManager, c: Case, s: ServiceRecord, doc: CaseDocument, to: Recipient): Promise<ServiceChannel[]> {
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
    await tx.update(
      ServiceRecord,
      { id: s.id },
      {
        channels: tried,
        addresses: [...s.addresses, ...addresses],
        notificationIds: [...s.notificationIds, ...notificationIds],
        sentAt: s.sentAt ?? (notificationIds.length ? now : null),
        // Personal services fall back channel by channel; a court is served through its members' accounts.
        nextAttemptAt: to.members === undefined ? new Date(now.getTime() + this.config.get('SERVICE_FALLBACK_HOURS') * 3_600_000) : null,
      },
    );
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
      const found = await tx.findOneBy(ServiceRecord, { id: serviceId });
      if (!found) return 'nothing_to_do';
      await this.events.lockCase(tx, found.caseId);
      const s = await this.refresh(serviceId, tx);
      if (s.effectiveAt || s.offlineAt || s.exhaustedAt || !s.nextAttemptAt || s.nextAttemptAt.getTime() > this.clock.nowMs() || !s.partyId) {
        if (s.effectiveAt || s.offlineAt) await tx.update(ServiceRecord, { id: s.id }, { nextAttemptAt: null });
        return 'nothing_to_do';
      }
      const c = await tx.findOneByOrFail(Case, { id: s.caseId });
      const party = await tx.findOneByOrFail(CaseParty, { id: s.partyId });
      const doc = await tx.findOneByOrFail(CaseDocument, { id: s.documentId });
      const to = await partyRecipient(tx, c, party);
      if ((await this.attempt(tx, c, s, doc, to)).length > 0) return 'attempted';
      await this.exhaust(tx, c, s, doc, 'every_channel_tried');
      return 'exhausted';
    });
  }

  /** No channel left to try (or none allowed): recorded as exhausted, and the staff told, who serve it offline. */
  private async exhaust(tx: EntityManager, c: Case, s: ServiceRecord, doc: CaseDocument, why: 'every_channel_tried' | 'no_electronic_channel'): Promise<void> {
    const now = this.clock.now();
    await tx.update(ServiceRecord, { id: s.id }, { nextAttemptAt: null, exhaustedAt: now });
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
      type: 'service_exhausted',
      actorId: null,
      actorRole: CaseRole.System,
      payload: { serviceId: s.id, purpose: s.purpose, partyId: s.partyId, channels: s.channels, ...(why === 'no_electronic_channel' ? { reason: why } : {}) },
    });
    const staff = await runPrepared<{ id: string }>(tx, ACTIVE_ADMINS, []);
    await this.notifier.notify(tx, {
      userIds: staff.map((u) => u.id),
      template: SERVICE_FAILED_TEMPLATE,
      caseId: c.id,
      data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, serviceId: s.id, recipientName: s.recipientName, documentName: doc.filename },
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
  async refresh(id: string, manager: EntityManager = this.db.manager): Promise<ServiceRecord> {
    const s = await manager.findOneByOrFail(ServiceRecord, { id });
    const deliveries = s.notificationIds.length ? await manager.find(NotificationDelivery, { where: { notificationId: In(s.notificationIds) } }) : [];
    const outcome = deemedServed({
      channels: s.addresses.map((a) => ({ ...a, deliveries: deliveries.filter((d) => d.channel === a.channel) })),
      readAt: s.readAt,
      actedAt: s.actedAt,
      offlineServedAt: s.offlineServedAt,
    });
    await manager.update(ServiceRecord, { id }, { delivered: outcome.channels, effectiveAt: outcome.effectiveAt, effectiveRule: outcome.rule, effectiveChannel: outcome.channel });
    return manager.findOneByOrFail(ServiceRecord, { id });
  }
}
