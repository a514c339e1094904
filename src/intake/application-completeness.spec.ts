import { DisputeType } from '../cases/entities/case.entity';
import { missingForSubmission, type ApplicationFacts } from './application-completeness';

const complete: ApplicationFacts = {
  disputeType: DisputeType.Patent,
  statement: 'The respondent sells products that use the patented method.',
  claims: [{ kind: 'monetary' }],
  ipRights: [{ kind: 'patent' }],
  applicant: {
    name: '杭州甲公司',
    idType: 'unified_social_credit_code',
    idNumber: '91330100MA2XXXXX1X',
    phone: '+8657100000000',
    email: 'legal@jia.example',
    consentOnline: true,
    consentEService: true,
    eServiceBasis: 'express',
  },
  respondents: [{ name: '乙公司', phone: null, email: 'yi@yi.example', address: null }],
  documentCount: 1,
};

describe('missingForSubmission (rule A2)', () => {
  it('is empty for a complete application', () => {
    expect(missingForSubmission(complete)).toEqual([]);
  });

  it('names each missing element', () => {
    const missing = missingForSubmission({
      ...complete,
      statement: 'too short',
      claims: [],
      ipRights: [],
      applicant: { ...complete.applicant!, idNumber: null, phone: null, email: null, consentOnline: false, consentEService: null },
      respondents: [{ name: '乙公司', phone: null, email: null, address: null }],
      documentCount: 0,
    });
    expect(missing).toEqual([
      "the applicant's identity document (type and number)",
      "the applicant's phone number",
      "the applicant's electronic-service address (e-mail)",
      'consent to online handling',
      'consent to electronic service, with its basis',
      'a statement of facts (at least 20 characters)',
      'at least one claim',
      'a way to reach respondent 1 (乙公司): phone, e-mail or address',
      'the intellectual-property right concerned',
      'filing materials (upload at least one document)',
    ]);
  });

  it('needs no IP right for an international commercial dispute', () => {
    expect(missingForSubmission({ ...complete, disputeType: DisputeType.InternationalCommercial, ipRights: [] })).toEqual([]);
  });

  it('lets a court referral be lodged before its documents are uploaded', () => {
    expect(missingForSubmission({ ...complete, documentCount: 0 }, { requireDocuments: false })).toEqual([]);
  });

  it('requires a respondent and an applicant', () => {
    expect(missingForSubmission({ ...complete, applicant: undefined, respondents: [] })).toEqual(['the applicant', 'at least one respondent']);
  });
});
