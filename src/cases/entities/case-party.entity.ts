import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PartySide {
  Applicant = 'applicant',
  Respondent = 'respondent',
}

/** How consent to electronic service was given (OLR 29-30; Interp. 136; docs/procedural-rules.md F26). */
export enum EServiceConsentBasis {
  Express = 'express',
  PriorAgreement = 'prior_agreement',
  ImpliedByFiling = 'implied_by_filing',
  ByConduct = 'by_conduct',
}

@Entity('case_parties')
export class CaseParty {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  side: PartySide;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  kind: 'person' | 'organisation';

  @Column({ type: 'text' })
  name: string;

  /** resident_id_card, passport, unified_social_credit_code, business_registration… */
  @Column({ name: 'id_type', type: 'text', nullable: true })
  idType: string | null;

  @Column({ name: 'id_number', type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** The electronic-service address (e-mail). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /**
   * An organisation's legal representative (法定代表人), by name: the agreement and the court's
   * documents name it (docs/procedural-rules.md C13). Always null for a natural person.
   */
  @Column({ name: 'legal_representative', type: 'text', nullable: true })
  legalRepresentative: string | null;
  /** Domicile (6-digit administrative division code): where a court may confirm its agreement (docs/procedural-rules.md D16). */
  @Column({ name: 'domicile_region', type: 'text', nullable: true })
  domicileRegion: string | null;

  /** The party's company on the platform, for conflict checks across its corporate group. */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The party's own account, once it has one. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** Consent to online handling (OMR 4, OLR 4); null until the party answers. */
  @Column({ name: 'consent_online', type: 'boolean', nullable: true })
  consentOnline: boolean | null;

  @Column({ name: 'consent_e_service', type: 'boolean', nullable: true })
  consentEService: boolean | null;

  @Column({ name: 'e_service_basis', type: 'text', nullable: true })
  eServiceBasis: EServiceConsentBasis | null;

  /** When the party confirmed its addresses in the address-for-service form (docs/procedural-rules.md A6). */
  @Column({ name: 'address_confirmed_at', type: 'timestamptz', nullable: true })
  addressConfirmedAt: Date | null;

  @Column({ name: 'address_confirmed_by', type: 'uuid', nullable: true })
  addressConfirmedBy: string | null;
}
