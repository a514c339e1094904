import { isE164PhoneNumber } from './phone-number';

describe('isE164PhoneNumber', () => {
  it.each(['+8613800138000', '+14155552671', '+442071838750', '+6834002', '+861380013800012'])('accepts %s', (n) => {
    expect(isE164PhoneNumber(n)).toBe(true);
  });

  it.each([
    '13800138000', // no country code
    '8613800138000', // no +
    '+86 138 0013 8000', // spaces
    '+86-138-0013-8000',
    '+08613800138000', // country codes never start with 0
    '+8613800138000123', // 16 digits
    '+123456', // too short
    '+',
    '',
    '+86138001380０0', // a full-width digit
    '+8613800138000\n',
    'tel:+8613800138000',
  ])('refuses %j', (n) => {
    expect(isE164PhoneNumber(n)).toBe(false);
  });
});
