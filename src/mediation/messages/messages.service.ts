import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CaseAction, canSeeDocument, canSeeMediationContent } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import type { CaseRole } from '../../cases/lifecycle/case-roles';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem, ForbiddenProblem, ValidationProblem, type FieldError } from '../../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import { decodeCursor, toPage, type Page, type PageQuery } from '../../common/pagination';
import { CaseDocument } from '../../documents/document.entity';
import { loadRoomPeople, roomRoleOf, roomUserIds } from '../room-people';
import { ALL_CHANNELS, attachmentProblem, channelSide, channelSides, type MediationChannel } from './channels';
import type { ChannelView, MessageView, PostMessageRequest } from './message.dto';
import { MediationMessage } from './message.entity';
import { MediationPush } from './mediation-push.service';

/** The room is open for messages while the parties negotiate and while the agreement is being signed. */
const OPEN_FOR_MESSAGES: readonly CaseStatus[] = [CaseStatus.Mediating, CaseStatus.Signing];

/**
 * Messages of the mediation room (issue 8): a joint channel and a caucus channel per side.
 * Who is in which channel is the access policy's `canSeeMediationContent`; the court and
 * administrators are in none. Messages never reach the event chain, search, notifications or
 * exports.
 */
@Injectable()
export class MediationMessages {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly idempotency: Idempotency,
    private readonly push: MediationPush,
  ) {}

  /** The channels the caller is in, with what is unread in each. */
  async channels(user: AuthUser, caseId: string): Promise<ChannelView[]> {
    const { roles } = await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const mine = ALL_CHANNELS.filter((ch) => canSeeMediationContent(roles, channelSide(ch)));
    const rows = (await this.db.query(
      `SELECT m.channel,
              count(*) FILTER (WHERE m.seq > coalesce(r.last_read_seq, 0) AND m.author_id <> $2)::int AS unread,
              max(m.created_at) AS last_at
         FROM mediation_messages m
         LEFT JOIN mediation_channel_reads r ON r.case_id = m.case_id AND r.channel = m.channel AND r.user_id = $2
        WHERE m.case_id = $1 AND m.channel = ANY($3::text[])
        GROUP BY m.channel`,
      [caseId, user.id, mine],
    )) as { channel: MediationChannel; unread: number; last_at: Date | null }[];
    return mine.map((channel) => {
      const row = rows.find((r) => r.channel === channel);
      return { channel, side: channelSide(channel), unread: row?.unread ?? 0, lastMessageAt: row?.last_at ? new Date(row.last_at).toISOString() : null };
    });
  }

  /** A channel's messages, newest first; `nextCursor` pages back in time. */
  async list(user: AuthUser, caseId: string, channel: MediationChannel, query: PageQuery): Promise<Page<MessageView>> {
    const { roles } = await this.member(user, caseId, channel, CaseAction.ViewConfidential);
    const limit = query.limit ?? 50;
    const before = decodeCursor(query.cursor, ['seq']);
    const qb = this.db
      .getRepository(MediationMessage)
      .createQueryBuilder('m')
      .where('m.case_id = :caseId AND m.channel = :channel', { caseId, channel })
      .orderBy('m.seq', 'DESC')
      .take(limit + 1);
    if (before) qb.andWhere('m.seq < :before', { before: Number(before[0]) });
    const page = toPage(await qb.getMany(), limit, (m) => [m.seq]);
    return { items: await this.views(page.items, roles, user.id), nextCursor: page.nextCursor };
  }

  async post(user: AuthUser, caseId: string, channel: MediationChannel, body: PostMessageRequest, idem?: IdempotentRequest): Promise<MessageView> {
    const previous = await this.idempotency.previous(idem, 'mediation_message');
    if (previous) return this.viewOf(user, previous);
    let written: { message: MediationMessage; members: string[]; roles: CaseRole[] };
    try {
      written = await this.db.transaction(async (tx) => {
        const { roles, case: c } = await this.member(user, caseId, channel, CaseAction.TakePartInMediation, tx);
        if (!OPEN_FOR_MESSAGES.includes(c.status)) throw new ConflictProblem(`The mediation room takes messages while the case is mediating or signing; it is ${c.status}`);
        const attachmentIds = [...new Set(body.attachmentIds ?? [])];
        await this.checkAttachments(tx, caseId, channel, attachmentIds, roles, user.id);
        // One poster at a time per channel, so messages commit in the order of their seq and a
        // reader's "read up to seq N" never skips one that committed later with a lower number.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`mediation:${caseId}:${channel}`]);
        const [{ id, seq }] = (await tx.query(
          `INSERT INTO mediation_messages (case_id, channel, author_id, author_role, text, attachment_ids) VALUES ($1, $2, $3, $4, $5, $6::uuid[]) RETURNING id, seq`,
          [caseId, channel, user.id, roomRoleOf(roles), body.text, attachmentIds],
        )) as { id: string; seq: string }[];
        // Your own message is read.
        await this.advanceRead(tx, caseId, channel, user.id, Number(seq));
        await this.idempotency.record(tx, idem, 'mediation_message', id);
        const members = roomUserIds(await loadRoomPeople(tx, c), channelSides(channel), c.mediatorId);
        return { message: await tx.findOneByOrFail(MediationMessage, { id }), members, roles };
      });
    } catch (error) {
      // A concurrent retry won the race on the key: answer with what it created.
      if (idem && this.idempotency.isKeyCollision(error)) return this.viewOf(user, (await this.idempotency.previous(idem, 'mediation_message'))!);
      throw error;
    }
    const { message, members, roles } = written;
    const [view] = await this.views([message], roles, user.id);
    // After the commit: live delivery to the channel's members, and to nobody else.
    await this.push.publish(members, { type: 'message', caseId, data: view });
    return view;
  }

  /** Mark a channel read up to a message (everything so far when omitted); returns what is still unread. */
  async markRead(user: AuthUser, caseId: string, channel: MediationChannel, upToSeq?: number): Promise<ChannelView> {
    await this.member(user, caseId, channel, CaseAction.ViewConfidential);
    const [{ last }] = (await this.db.query(`SELECT coalesce(max(seq), 0) AS last FROM mediation_messages WHERE case_id = $1 AND channel = $2`, [caseId, channel])) as {
      last: string;
    }[];
    const target = Math.min(upToSeq ?? Number(last), Number(last));
    if (target > 0) await this.advanceRead(this.db.manager, caseId, channel, user.id, target);
    return (await this.channels(user, caseId)).find((c) => c.channel === channel)!;
  }

  /** The message as returned to a retried request. */
  private async viewOf(user: AuthUser, id: string): Promise<MessageView> {
    const message = await this.db.getRepository(MediationMessage).findOneByOrFail({ id });
    const { roles } = await this.member(user, message.caseId, message.channel, CaseAction.ViewConfidential);
    return (await this.views([message], roles, user.id))[0];
  }

  /** The case, if the caller is in this channel: 404 when the case is not theirs to see, 403 when the channel is not. */
  private async member(user: AuthUser, caseId: string, channel: MediationChannel, action: CaseAction, manager?: EntityManager) {
    const loaded = await this.access.require(user, caseId, action, manager);
    if (!canSeeMediationContent(loaded.roles, channelSide(channel))) {
      const side = channelSide(channel);
      throw new ForbiddenProblem(
        side
          ? `The ${channel} channel is the ${side} side's caucus with the mediator: you are not in it`
          : 'Only the parties, their agents and the mediator are in the mediation room',
      );
    }
    return loaded;
  }

  private async checkAttachments(tx: EntityManager, caseId: string, channel: MediationChannel, ids: string[], roles: CaseRole[], userId: string): Promise<void> {
    if (ids.length === 0) return;
    const docs = await tx.find(CaseDocument, { where: { id: In(ids), caseId } });
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const doc = docs.find((d) => d.id === id);
      const field = `attachmentIds.${i}`;
      if (!doc || !canSeeDocument(roles, doc, userId)) errors.push({ field, rule: 'isCaseDocument', message: `${id} is not a document of this case you can see` });
      else {
        const problem = attachmentProblem(doc, channel);
        if (problem) errors.push({ field, rule: 'fitsChannel', message: `${doc.filename} ${problem}` });
      }
    });
    if (errors.length > 0) throw new ValidationProblem(errors);
  }

  private async advanceRead(manager: EntityManager, caseId: string, channel: MediationChannel, userId: string, seq: number): Promise<void> {
    await manager.query(
      `INSERT INTO mediation_channel_reads (case_id, channel, user_id, last_read_seq) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, channel, user_id) DO UPDATE SET last_read_seq = GREATEST(mediation_channel_reads.last_read_seq, EXCLUDED.last_read_seq), updated_at = now()`,
      [caseId, channel, userId, seq],
    );
  }

  private async views(messages: MediationMessage[], roles: readonly CaseRole[], userId: string): Promise<MessageView[]> {
    if (messages.length === 0) return [];
    const authorIds = [...new Set(messages.map((m) => m.authorId))];
    const names = (await this.db.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [authorIds])) as { id: string; display_name: string }[];
    const attachmentIds = [...new Set(messages.flatMap((m) => m.attachmentIds))];
    const docs = attachmentIds.length > 0 ? await this.db.getRepository(CaseDocument).find({ where: { id: In(attachmentIds) } }) : [];
    return messages.map((m) => ({
      id: m.id,
      seq: m.seq,
      caseId: m.caseId,
      channel: m.channel,
      authorId: m.authorId,
      authorName: names.find((n) => n.id === m.authorId)?.display_name ?? '—',
      authorRole: m.authorRole,
      text: m.text,
      // A document superseded or re-tiered since stays out of sight of those who may no longer open it.
      attachments: m.attachmentIds
        .map((id) => docs.find((d) => d.id === id))
        .filter((d): d is CaseDocument => d !== undefined && canSeeDocument(roles, d, userId))
        .map((d) => ({ id: d.id, filename: d.filename, contentType: d.contentType, size: d.size })),
      createdAt: m.createdAt.toISOString(),
    }));
  }
}
