import type { FieldError } from '../common/errors/problem';

/**
 * A mediator may not later act in the same dispute as an agent (docs/procedural-rules.md A5;
 * 特邀 16: nor as juror, witness, expert or translator, roles the platform does not give). Who
 * mediated a case: its mediator now, and every mediator who accepted it before (then recused or
 * was replaced). Pure: the caller loads the mediators and names the field the candidate came in.
 */
export function formerMediatorRefusal(candidateUserId: string, mediatorsOfCase: readonly (string | null)[], field: string): FieldError | undefined {
  if (!mediatorsOfCase.includes(candidateUserId)) return undefined;
  return {
    field,
    rule: 'isNotFormerMediator',
    message: `${field} names a mediator of this dispute: a mediator may not later act in it as an agent (特邀 16)`,
  };
}
