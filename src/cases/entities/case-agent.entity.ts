import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PartySide } from './case-party.entity';

/** A lawyer or other agent authorised by one party for this case (Interp. 351). */
@Entity('case_agents')
export class CaseAgent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId: string;

  @Column({ type: 'text' })
  side: PartySide;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'law_firm', type: 'text', nullable: true })
  lawFirm: string | null;

  /** The power of attorney, a case document. */
  @Column({ name: 'power_of_attorney_document_id', type: 'uuid', nullable: true })
  powerOfAttorneyDocumentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
