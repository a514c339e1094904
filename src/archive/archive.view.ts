import { ApiProperty } from '@nestjs/swagger';

/** The time stamp of an archive's seal (trusted-timestamper.ts). */
export class TrustedTimestampView {
  /** `local-clock` (no authority), or the adapter's kind, e.g. `rfc3161`. */
  kind: string;
  /** True only when an independent time-stamping authority vouches for the time. */
  trusted: boolean;
  /** The authority's name or URL; null for the local clock. */
  @ApiProperty({ nullable: true, type: String }) authority: string | null;
  @ApiProperty({ format: 'date-time' }) time: string;
  hashAlgorithm: string;
  /** The manifest hash that was stamped. */
  hashedValue: string;
  /** The authority's token (e.g. an RFC 3161 TimeStampToken, DER in base64); null when there is none. */
  @ApiProperty({ nullable: true, type: String }) token: string | null;
  /** What a reader should know about this stamp, in plain words. */
  note: string;
}

export class ZipDigestView {
  size: number;
  sha256: string;
}

export class VerificationItemView {
  /** What was checked: a path in the ZIP, `manifest hash`, `event chain`, `event 17`… */
  item: string;
  ok: boolean;
  /** What was found, in words a person can act on. */
  reason: string;
}

export class RecordedSealView {
  manifestHash: string;
  sha256: string;
}

/** The stored archive recomputed against its recorded seal: each item checked, and the whole. */
export class ArchiveVerificationView {
  ok: boolean;
  @ApiProperty({ type: ZipDigestView }) zip: ZipDigestView;
  @ApiProperty({ type: [VerificationItemView] }) items: VerificationItemView[];
  @ApiProperty({ type: RecordedSealView }) recorded: RecordedSealView;
}
