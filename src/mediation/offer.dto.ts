import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import { PartySide } from '../cases/entities/case-party.entity';
import { SettlementOfferStatus, offerStatusAt, type SettlementOffer, type OfferActor, type OfferHistory } from './offers';
import type { SettlementTerms } from './settlement-terms';
import { SettlementTerms as SettlementTermsSchema } from './settlement-terms.dto';

export class MakeOfferRequest {
  /** What this side offers: money (amount, currency, payment schedule) and non-monetary terms. */
  @ApiProperty({ type: () => SettlementTermsSchema })
  @IsObject()
  terms: SettlementTermsSchema;

  /** After this instant the offer can no longer be accepted; omit for an offer open until answered. */
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsIsoDate()
  expiresAt?: string;

  /** The side the offer is made for: required from the mediator; a party may omit it. */
  @ApiPropertyOptional({ enum: PartySide })
  @IsOptional()
  @IsEnum(PartySide)
  onBehalfOf?: PartySide;
}

export class OfferActionRequest {
  /** Only needed by someone who acts for both sides. */
  @ApiPropertyOptional({ enum: PartySide })
  @IsOptional()
  @IsEnum(PartySide)
  onBehalfOf?: PartySide;
}

export class RejectOfferRequest extends OfferActionRequest {
  /** Why, for the other side (mediation content: it stays in the negotiation). */
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class OfferActorView {
  @ApiProperty() userId: string;
  @ApiProperty({ enum: PartySide }) side: PartySide;
  @ApiProperty({ enum: ['party', 'agent', 'mediator'] }) capacity: OfferActor['capacity'];
}

export class OfferView {
  @ApiProperty() id: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ enum: PartySide }) makerSide: PartySide;
  @ApiProperty({ type: OfferActorView }) madeBy: OfferActorView;
  @ApiProperty({ type: () => SettlementTermsSchema }) terms: SettlementTerms;
  /** As of now: an open offer past its expiry shows as expired. */
  @ApiProperty({ enum: SettlementOfferStatus }) status: SettlementOfferStatus;
  @ApiProperty() madeAt: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) countersOfferId: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: OfferActorView }) closedBy: OfferActorView | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;

  static of(o: SettlementOffer, at: Date): OfferView {
    const status = offerStatusAt(o, at);
    return {
      id: o.id,
      sequence: o.sequence,
      makerSide: o.makerSide,
      madeBy: o.madeBy,
      terms: o.terms,
      status,
      madeAt: o.madeAt.toISOString(),
      expiresAt: o.expiresAt?.toISOString() ?? null,
      countersOfferId: o.countersOfferId,
      closedAt: (status === SettlementOfferStatus.Expired && o.status === SettlementOfferStatus.Open ? o.expiresAt : o.closedAt)?.toISOString() ?? null,
      closedBy: o.closedBy,
      note: o.note,
    };
  }
}

export class NegotiationView {
  /** The case's negotiation (one per case). */
  @ApiProperty() negotiationId: string;
  /** agreed once an offer was accepted: no further offer or answer. */
  @ApiProperty({ enum: ['open', 'agreed'] }) status: 'open' | 'agreed';
  @ApiProperty({ nullable: true, type: String }) acceptedOfferId: string | null;
  @ApiProperty({ type: [OfferView] }) offers: OfferView[];

  static of(history: OfferHistory, at: Date): NegotiationView {
    const accepted = history.offers.find((o) => o.status === SettlementOfferStatus.Accepted);
    return {
      negotiationId: history.negotiationId,
      status: accepted ? 'agreed' : 'open',
      acceptedOfferId: accepted?.id ?? null,
      offers: history.offers.map((o) => OfferView.of(o, at)),
    };
  }
}
