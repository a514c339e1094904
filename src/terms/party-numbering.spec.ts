import { PartySide } from '../cases/entities/case-party.entity';
import { partyHeading, partyHeadings } from './party-numbering';

describe('party numbering', () => {
  it('omits the number when a side has one party', () => {
    expect(partyHeading(PartySide.Applicant, 0, 1, 'zh-CN')).toBe('申请人');
    expect(partyHeading(PartySide.Respondent, 0, 1, 'en')).toBe('Respondent');
  });

  it('numbers from 1 when a side has several', () => {
    expect(partyHeadings([{ side: 'applicant' }, { side: 'respondent' }, { side: 'respondent' }], 'zh-CN')).toEqual(['申请人', '第一被申请人', '第二被申请人']);
    expect(partyHeadings([{ side: 'applicant' }, { side: 'applicant' }, { side: 'respondent' }], 'en')).toEqual(['First Applicant', 'Second Applicant', 'Respondent']);
    expect(partyHeading(PartySide.Applicant, 11, 12, 'en')).toBe('Applicant 12');
  });
});
