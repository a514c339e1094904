import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum IpRightKind {
  Patent = 'patent',
  UtilityModel = 'utility_model',
  Design = 'design',
  Trademark = 'trademark',
  Copyright = 'copyright',
  TradeSecret = 'trade_secret',
  Other = 'other',
}

@Entity('ip_rights')
export class IpRight {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  kind: IpRightKind;

  /** Registration or application number, e.g. ZL202310012345.6 or a Nice-class trademark number. */
  @Column({ type: 'text', nullable: true })
  number: string | null;

  /** ISO 3166 country or a regional office (EP, WO). */
  @Column({ type: 'text', nullable: true })
  jurisdiction: string | null;

  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  /** IPC classes (G06F) of a patent, Nice classes (9) of a trademark: matched against mediators' fields. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  classes: string[];
}
