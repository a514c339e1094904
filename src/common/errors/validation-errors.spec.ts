import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { flattenValidationErrors } from './validation-errors';

class Party {
  @IsEmail()
  email: string;
}
class Body {
  @IsString()
  title: string;

  @IsInt()
  @Min(1)
  count: number;

  @ValidateNested({ each: true })
  @Type(() => Party)
  parties: Party[];
}

describe('flattenValidationErrors', () => {
  it('lists every field and rule with a dotted path into nested objects', () => {
    const body = plainToInstance(Body, { title: 3, count: 0, parties: [{ email: 'a@b.example' }, { email: 'nope' }] });
    const errors = flattenValidationErrors(validateSync(body));
    expect(errors).toEqual([
      { field: 'title', rule: 'isString', message: 'title must be a string' },
      { field: 'count', rule: 'min', message: 'count must not be less than 1' },
      { field: 'parties.1.email', rule: 'isEmail', message: 'parties.1.email must be an email' },
    ]);
  });

  it('names an unexpected field', () => {
    const body = plainToInstance(Body, { title: 't', count: 1, parties: [], extra: true });
    const errors = flattenValidationErrors(validateSync(body, { whitelist: true, forbidNonWhitelisted: true }));
    expect(errors).toEqual([{ field: 'extra', rule: 'whitelistValidation', message: 'extra is not a known field' }]);
  });
});
