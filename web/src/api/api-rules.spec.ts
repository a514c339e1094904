import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enPortals } from '../i18n/en-portals';
import { enPublic } from '../i18n/en-public';
import { zhCNPortals } from '../i18n/zh-CN-portals';
import { zhCNPublic } from '../i18n/zh-CN-public';

/**
 * Every rule the room's, the negotiation's, the agreement's, signing's and courts' systems' endpoints can answer a
 * 400 with (errors[].rule) has plain words in both languages, so a zh-CN screen never shows the
 * API's English message. The rules are read from the API's source, so a new one without words fails.
 */
const ROOT = join(__dirname, '..', '..', '..');
const FOLDERS = ['src/mediation', 'src/agreements', 'src/common', 'src/court-systems'];

/** class-validator's constraint names, for the decorators those endpoints' requests use. */
const CONSTRAINTS: Record<string, string | null> = {
  ArrayMaxSize: 'arrayMaxSize',
  ArrayMinSize: 'arrayMinSize',
  ArrayUnique: 'arrayUnique',
  IsArray: 'isArray',
  IsBoolean: 'isBoolean',
  IsEnum: 'isEnum',
  IsIn: 'isIn',
  IsInt: 'isInt',
  IsIsoDate: 'isIsoDate',
  IsObject: 'isObject',
  IsString: 'isString',
  IsUUID: 'isUuid',
  Length: 'isLength',
  Matches: 'matches',
  Max: 'max',
  MaxLength: 'maxLength',
  Min: 'min',
  MinLength: 'minLength',
  ValidateNested: 'nestedValidation',
  // Not constraints: no rule of their own.
  ValidateIf: null,
  IsOptional: null,
  Type: null,
};

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => readFileSync(join(ROOT, folder, f), 'utf8'));
}

function emittedRules(): { rules: Set<string>; unknownDecorators: Set<string> } {
  const rules = new Set<string>();
  const unknownDecorators = new Set<string>();
  for (const folder of FOLDERS) {
    for (const text of sources(folder)) {
      // Field errors written out: { field, rule: 'x', message }.
      for (const m of text.matchAll(/rule: '([A-Za-z_]+)'/g)) rules.add(m[1]);
      // A pure core's refusal answered as 400 names its code as the rule (refusalProblem).
      for (const m of text.matchAll(/^\s+([a-z_]+): 400,$/gm)) rules.add(m[1]);
      // The signing code's refusals (SignatureCodeRefused): the keys of CODE_REFUSALS.
      const codes = /const CODE_REFUSALS[^{]*\{([^}]*)\}/.exec(text);
      for (const m of codes?.[1].matchAll(/^\s+([a-z_]+):/gm) ?? []) rules.add(m[1]);
      // Request classes: class-validator's decorators (src/common's are global, not per request).
      if (folder === 'src/common') continue;
      for (const m of text.matchAll(/^\s+@([A-Z][A-Za-z0-9]*)\(/gm)) {
        if (!/^(Is|Array|Length|Matches|Max|Min|Validate|Type)/.test(m[1]) || m[1] === 'ApiProperty') continue;
        if (!(m[1] in CONSTRAINTS)) unknownDecorators.add(m[1]);
        else if (CONSTRAINTS[m[1]]) rules.add(CONSTRAINTS[m[1]]!);
      }
    }
  }
  return { rules, unknownDecorators };
}

describe('the API rules in plain words', () => {
  const { rules, unknownDecorators } = emittedRules();
  const words = (lang: 'en' | 'zh-CN', rule: string): unknown => {
    const [portals, publicStrings] = lang === 'en' ? [enPortals, enPublic] : [zhCNPortals, zhCNPublic];
    return (portals.apiRules as Record<string, string>)[rule] ?? (publicStrings.problem.rules as Record<string, string>)[rule];
  };

  it('finds the rules in the source (the reading works)', () => {
    expect(rules.size).toBeGreaterThan(40);
    for (const known of ['required', 'isMeetingUrl', 'invalid_amount', 'too_many_attempts', 'isUuid', 'isWellFormedUnicode']) expect(rules).toContain(known);
  });

  it('knows every validation decorator the requests use', () => {
    expect([...unknownDecorators]).toEqual([]);
  });

  it.each(['en', 'zh-CN'] as const)('has words in %s for every rule', (lang) => {
    const missing = [...rules].filter((rule) => typeof words(lang, rule) !== 'string' || (words(lang, rule) as string).trim() === '');
    expect(missing).toEqual([]);
  });
});
