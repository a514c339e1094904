import { CourtLevel } from '../organisations/organisation.entity';
import { CourtGround, courtCovers, courtOptions, partyDomicileRegions, type CourtFacts } from './court-options';
import { confirmationCaseNumber, courtAbbreviation } from './docket-number';

const court = (id: string, region: string, level = CourtLevel.Basic): CourtFacts => ({ id, name: `court ${id}`, level, region });
const xihu = court('xihu', '330106');
const binjiang = court('binjiang', '330108');
const hangzhouIntermediate = court('hz', '330100', CourtLevel.Intermediate);
const futian = court('futian', '440304');

describe('court options (CPL 205; rule D16)', () => {
  it('is the referring court alone for a referral, whatever else holds', () => {
    expect(
      courtOptions({ referringCourt: hangzhouIntermediate, courts: [xihu, futian], partyRegions: ['330106'], subjectMatterRegions: [], mediationOrganisationRegions: [] }),
    ).toEqual([{ courtId: 'hz', name: 'court hz', level: CourtLevel.Intermediate, region: '330100', grounds: [CourtGround.ReferringCourt] }]);
  });

  it('offers the basic courts of a party’s domicile, the subject matter and the mediation organisation, with every ground that applies', () => {
    const options = courtOptions({
      referringCourt: null,
      courts: [futian, hangzhouIntermediate, binjiang, xihu],
      partyRegions: ['440304', '330106'],
      subjectMatterRegions: ['330108'],
      mediationOrganisationRegions: ['330106'],
    });
    expect(options.map((o) => [o.courtId, o.grounds])).toEqual([
      ['xihu', [CourtGround.PartyDomicile, CourtGround.MediationOrganisation]],
      ['binjiang', [CourtGround.SubjectMatter]],
      ['futian', [CourtGround.PartyDomicile]],
    ]);
  });

  it('places a city-level region in every district of that city, never a province-level one', () => {
    expect(courtCovers('330106', '330100')).toBe(true);
    expect(courtCovers('330106', '330106')).toBe(true);
    expect(courtCovers('330106', '330108')).toBe(false);
    expect(courtCovers('330106', '330000')).toBe(false);
    expect(courtCovers('440304', '330100')).toBe(false);
    expect(courtCovers(null, '330100')).toBe(false);
    expect(courtCovers('330106', 'Hangzhou')).toBe(false);
    expect(courtOptions({ referringCourt: null, courts: [xihu, binjiang], partyRegions: [], subjectMatterRegions: [], mediationOrganisationRegions: ['330100'] })).toHaveLength(2);
  });

  it('places a natural person by its own domicile, an organisation by its registered region (rule D16)', () => {
    expect(
      partyDomicileRegions([
        { kind: 'person', domicileRegion: '440304', organisationRegion: null },
        { kind: 'organisation', domicileRegion: null, organisationRegion: '330106' },
      ]),
    ).toEqual(['440304', '330106']);
    // An organisation with no region on the platform: the domicile given for it; a person: its own over any organisation's.
    expect(partyDomicileRegions([{ kind: 'organisation', domicileRegion: '330108', organisationRegion: null }])).toEqual(['330108']);
    expect(partyDomicileRegions([{ kind: 'organisation', domicileRegion: '330108', organisationRegion: '330106' }])).toEqual(['330106']);
    expect(partyDomicileRegions([{ kind: 'person', domicileRegion: '440304', organisationRegion: '330106' }])).toEqual(['440304']);
    expect(partyDomicileRegions([{ kind: 'person', domicileRegion: null, organisationRegion: '330106' }])).toEqual(['330106']);
    expect(partyDomicileRegions([{ kind: 'person', domicileRegion: null, organisationRegion: null }])).toEqual([]);
    expect(
      partyDomicileRegions([
        { kind: 'person', domicileRegion: '330106', organisationRegion: null },
        { kind: 'person', domicileRegion: '330106', organisationRegion: null },
      ]),
    ).toEqual(['330106']);
    // Both parties natural persons, nothing else placing the case: the court of either domicile.
    const options = courtOptions({
      referringCourt: null,
      courts: [xihu, futian, binjiang],
      partyRegions: partyDomicileRegions([
        { kind: 'person', domicileRegion: '440304', organisationRegion: null },
        { kind: 'person', domicileRegion: '330106', organisationRegion: null },
      ]),
      subjectMatterRegions: [],
      mediationOrganisationRegions: [],
    });
    expect(options.map((o) => [o.courtId, o.grounds])).toEqual([
      ['xihu', [CourtGround.PartyDomicile]],
      ['futian', [CourtGround.PartyDomicile]],
    ]);
  });

  it('offers nothing when nothing places the case', () => {
    expect(courtOptions({ referringCourt: null, courts: [xihu], partyRegions: [], subjectMatterRegions: [], mediationOrganisationRegions: [] })).toEqual([]);
  });
});

describe('调确 case numbers (rule D20)', () => {
  it('codes a court by province and division at its level', () => {
    expect(courtAbbreviation({ region: '330106', level: CourtLevel.Basic, courtCode: 'X' })).toBe('浙0106');
    expect(courtAbbreviation({ region: '330100', level: CourtLevel.Intermediate, courtCode: 'X' })).toBe('浙01');
    expect(courtAbbreviation({ region: '440000', level: CourtLevel.High, courtCode: 'X' })).toBe('粤');
    expect(courtAbbreviation({ region: '110105', level: CourtLevel.Basic, courtCode: 'X' })).toBe('京0105');
    expect(courtAbbreviation({ region: null, level: CourtLevel.Basic, courtCode: 'HZ-IPC' })).toBe('HZ-IPC');
    expect(courtAbbreviation({ region: '990101', level: CourtLevel.Basic, courtCode: 'C-1' })).toBe('C-1');
  });

  it('numbers as (year)code民特调确n号', () => {
    expect(confirmationCaseNumber({ year: 2026, courtAbbreviation: '浙0106', sequence: 123 })).toBe('(2026)浙0106民特调确123号');
    expect(() => confirmationCaseNumber({ year: 26, courtAbbreviation: '浙0106', sequence: 1 })).toThrow(RangeError);
    expect(() => confirmationCaseNumber({ year: 2026, courtAbbreviation: '浙0106', sequence: 0 })).toThrow(RangeError);
  });
});
