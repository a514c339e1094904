import { Type, plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsString, ValidateNested } from 'class-validator';
import { ValidationProblem } from './errors/problem';
import { createValidationPipe, findOversizeArray } from './validation';

class Right {
  @ArrayMaxSize(3)
  @IsString({ each: true })
  classes: string[];
}
class Filing {
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => Right)
  rights: Right[];
}

describe('findOversizeArray', () => {
  it('names the first array past its ArrayMaxSize, nested ones included', () => {
    expect(findOversizeArray(plainToInstance(Filing, { rights: [{ classes: ['a'] }, { classes: ['a', 'b', 'c', 'd'] }] }))).toEqual({
      field: 'rights.1.classes',
      rule: 'arrayMaxSize',
      message: 'rights.1.classes must contain no more than 3 elements',
    });
    expect(findOversizeArray(plainToInstance(Filing, { rights: [{}, {}, {}] }))).toMatchObject({ field: 'rights' });
    expect(findOversizeArray(plainToInstance(Filing, { rights: [{ classes: ['a'] }] }))).toBeUndefined();
  });

  it('lets the pipe refuse 10,000 elements without validating each (which would list an error for each)', async () => {
    const failure = await createValidationPipe()
      .transform({ rights: Array.from({ length: 10_000 }, () => ({ classes: [1] })) }, { type: 'body', metatype: Filing })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ValidationProblem);
    expect((failure as ValidationProblem).fieldErrors).toEqual([{ field: 'rights', rule: 'arrayMaxSize', message: 'rights must contain no more than 2 elements' }]);
  });
});
