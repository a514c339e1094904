import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganisationKind {
  Court = 'court',
  MediationOrganisation = 'mediation_organisation',
  Company = 'company',
  LawFirm = 'law_firm',
}

export enum CourtLevel {
  Basic = 'basic',
  Intermediate = 'intermediate',
  High = 'high',
}

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  /** Courts only: the court's official code; unique. */
  @Column({ name: 'court_code', type: 'text', nullable: true })
  courtCode: string | null;

  @Column({ name: 'court_level', type: 'text', nullable: true })
  courtLevel: CourtLevel | null;

  /** Administrative region (e.g. 330100 for Hangzhou), used to pick competent courts. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** A company's parent, for conflict-of-interest checks across a corporate group. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
