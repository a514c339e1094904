import { DisputeType } from '../cases/entities/case.entity';
import { missingForSubmission } from '../intake/application-completeness';
import { columnOfField, columnOfHeader, columnOfMissing, requestOfRow, SHEET_COLUMNS } from './referral-sheet';

describe('the bulk-referral sheet', () => {
  it('reads a header in either language, the key itself, and a CSV byte-order mark', () => {
    for (const c of SHEET_COLUMNS) {
      expect(columnOfHeader(c.header['zh-CN'])).toBe(c.key);
      expect(columnOfHeader(` ${c.header.en.toUpperCase()} `)).toBe(c.key);
    }
    expect(columnOfHeader('\uFEFF法院委派（委托）编号')).toBe('referralNumber');
    expect(columnOfHeader('Favourite colour')).toBeUndefined();
    expect(columnOfHeader('')).toBeUndefined();
  });

  it('turns a row into a referral request, coded cells written as codes or as terms of either language', () => {
    const { request, errors } = requestOfRow(
      {
        referralNumber: '(2026)浙01民诉前调1号',
        referralType: '诉前委派调解',
        title: '专利侵权纠纷',
        disputeType: 'Patent dispute',
        statement: '被申请人未经许可制造、销售侵权产品，请求停止侵权并赔偿损失。',
        claimKind: 'monetary',
        claimAmount: '1000.00',
        claimCurrency: 'cny',
        ipRightKind: '发明专利',
        applicantName: '甲公司',
        applicantLegalRepresentative: '张伟',
        applicantConsent: '是',
        respondentName: '乙公司',
        respondentLegalRepresentative: '李强',
        respondentEmail: 'B@Example.com',
        respondentDomicile: '440304',
      },
      'zh-CN',
    );
    expect(errors).toEqual([]);
    expect(request).toMatchObject({
      referralType: 'pre_filing',
      disputeType: 'patent',
      claims: [{ kind: 'monetary', amount: '1000.00', currency: 'CNY' }],
      ipRights: [{ kind: 'patent' }],
      applicant: { kind: 'organisation', name: '甲公司', legalRepresentative: '张伟', consentOnline: true, consentEService: true, eServiceBasis: 'express' },
      respondents: [{ kind: 'organisation', name: '乙公司', legalRepresentative: '李强', email: 'b@example.com', domicileRegion: '440304' }],
    });
  });

  it('names a coded cell that is neither a code nor a term, with what it may be, in the sheet language', () => {
    const zh = requestOfRow({ referralType: '随便' }, 'zh-CN').errors;
    expect(zh).toEqual([{ column: 'referralType', message: expect.stringContaining('诉前委派调解') }]);
    const en = requestOfRow({ disputeType: 'Gardening' }, 'en').errors;
    expect(en).toEqual([{ column: 'disputeType', message: expect.stringContaining('Patent dispute') }]);
  });

  it("maps the request's field paths back to the sheet's columns", () => {
    expect(columnOfField('claims.0.amount')).toBe('claimAmount');
    expect(columnOfField('applicant.consentEService')).toBe('applicantConsent');
    expect(columnOfField('respondents.0.email')).toBe('respondentEmail');
    expect(columnOfField('applicant.legalRepresentative')).toBe('applicantLegalRepresentative');
    expect(columnOfField('respondents.0.legalRepresentative')).toBe('respondentLegalRepresentative');
    expect(columnOfField('respondents.0.domicileRegion')).toBe('respondentDomicile');
    expect(columnOfField('referralNumber')).toBe('referralNumber');
    expect(columnOfField('courtId')).toBeUndefined();
  });

  it('points every item completeness can miss at a column', () => {
    const items = [
      ...missingForSubmission(
        {
          disputeType: DisputeType.Patent,
          statement: null,
          claims: [],
          ipRights: [],
          applicant: { name: 'A', idType: null, idNumber: null, phone: null, email: null, consentOnline: null, consentEService: null, eServiceBasis: null },
          respondents: [],
          documentCount: 1,
        },
        { requireDocuments: false },
      ),
      ...missingForSubmission(
        { disputeType: DisputeType.Other, statement: null, claims: [], ipRights: [], respondents: [{ name: 'B', phone: null, email: null, address: null }], documentCount: 1 },
        { requireDocuments: false },
      ),
    ];
    expect(items.length).toBeGreaterThanOrEqual(11);
    for (const item of items) expect([item, columnOfMissing(item)]).toEqual([item, expect.any(String)]);
  });
});
