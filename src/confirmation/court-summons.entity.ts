import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The court's summons to the parties to attend while it reviews an application (Interp. 356; docs/procedural-rules.md
 * D21): when, and where or by which video link. Its document is served on every party through the one service path.
 */
@Entity('court_summonses')
export class CourtSummons {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'attend_at', type: 'timestamptz' }) attendAt: Date;
  @Column({ type: 'text', nullable: true }) place: string | null;
  @Column({ name: 'video_link', type: 'text', nullable: true }) videoLink: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ name: 'issued_by', type: 'uuid' }) issuedBy: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt: Date;
}
