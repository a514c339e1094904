import type { ConfidentialSide } from '../../access/case-access.policy';
import type { Side } from '../room-people';
import { DocumentVisibility } from '../../documents/document.entity';

/**
 * The mediation room's message channels: one joint channel (both sides and the mediator) and
 * one caucus channel per side (that side and the mediator only). Pure.
 */
export enum MediationChannel {
  Joint = 'joint',
  ApplicantCaucus = 'caucus_applicant',
  RespondentCaucus = 'caucus_respondent',
}

export const ALL_CHANNELS: readonly MediationChannel[] = Object.values(MediationChannel);

export const MESSAGE_LIMITS = { textChars: 10_000, attachments: 10 } as const;

/** The side a channel is confined to (null: the joint channel), as the access policy reads it. */
export function channelSide(channel: MediationChannel): ConfidentialSide {
  if (channel === MediationChannel.ApplicantCaucus) return 'applicant';
  if (channel === MediationChannel.RespondentCaucus) return 'respondent';
  return null;
}

/** The sides whose people are in the channel. */
export function channelSides(channel: MediationChannel): Side[] {
  const side = channelSide(channel);
  return (side ? [side] : ['applicant', 'respondent']) as Side[];
}

/**
 * Whether a document can be attached to a message of this channel: everyone in the channel
 * must be able to open it. A side's private document therefore goes only into that side's
 * caucus, never the joint channel nor the other side's caucus (a mediator sees both sides'
 * private documents and must not carry one across).
 */
export function attachmentProblem(doc: { visibility: DocumentVisibility; side: Side | null }, channel: MediationChannel): string | undefined {
  if (doc.visibility !== DocumentVisibility.OwnSideAndMediator) return undefined;
  if (doc.side !== null && channelSide(channel) === doc.side) return undefined;
  return `is private to the ${doc.side ?? 'mediator'}${doc.side ? ' side' : ''}: it can be attached only in that side's caucus channel`;
}
