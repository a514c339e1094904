import { OPERATION_IDS, operationIdOf } from './operation-ids';

describe('operation ids', () => {
  it('names each endpoint from the table', () => {
    expect(operationIdOf('CasesController', 'list')).toBe('listCases');
    expect(operationIdOf('AssignmentController', 'accept')).toBe('acceptAssignment');
  });

  it('gives an endpoint missing from the table a readable id of its method and resource', () => {
    expect(operationIdOf('WidgetsController', 'list')).toBe('listWidgets');
  });

  it('never names two endpoints alike, and every name reads as a function name', () => {
    const names = Object.values(OPERATION_IDS);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => !/^[a-z][A-Za-z0-9]*$/.test(n))).toEqual([]);
  });
});
