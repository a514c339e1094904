import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TrustedTimestampView } from './archive.view';

/** The sealed archive of a closed case: where it is stored and the hashes that seal it. */
@Entity('archives')
export class ArchiveRecord {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  /** SHA-256 of the ZIP as stored. */
  @Column({ type: 'text' })
  sha256: string;

  /** The seal: the manifest's hash, which covers every file and event hash. */
  @Column({ name: 'manifest_hash', type: 'text' })
  manifestHash: string;

  @Column({ type: 'text' })
  algorithm: string;

  @Column({ type: 'int' })
  events: number;

  @Column({ type: 'int' })
  documents: number;

  @Column({ name: 'retention_years', type: 'int' })
  retentionYears: number;

  /** Never deleted before the end of this local date (docs/procedural-rules.md G31). */
  @Column({ name: 'retain_until', type: 'date' })
  retainUntil: string;

  @Column({ name: 'trusted_timestamp', type: 'jsonb', nullable: true })
  @ApiProperty({ nullable: true, type: TrustedTimestampView })
  trustedTimestamp: Record<string, unknown> | null;

  @Column({ name: 'archived_at', type: 'timestamptz' })
  archivedAt: Date;
}
