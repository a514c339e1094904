import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, fieldPath, ProblemType, toApiProblem } from './problem';

export interface ProblemOptions {
  /** Put each field's error beside the field of this form (`errors[].field` is its name path). */
  form?: FormInstance;
  /** A 409 stale version offers to reload: what reload means here (default: refetch every query). */
  onReload?: () => void;
  /** Words of this screen for a status or problem type, e.g. `{ 401: t('auth.signIn.wrongCredentials') }`. */
  messages?: Partial<Record<number | string, string>>;
}

/**
 * The one way screens handle a failed request:
 * - field errors go beside their fields (form.setFields);
 * - a stale version (someone else changed the thing) opens a dialog that offers to reload;
 * - anything else becomes one sentence in the person's language.
 * Returns that sentence for the screen to show (an Alert above the form), or undefined when
 * nothing is left to say.
 */
export function useProblemHandler(): (error: unknown, options?: ProblemOptions) => string | undefined {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown, options: ProblemOptions = {}) => {
      const problem = toApiProblem(error);
      const custom = options.messages?.[problem.type] ?? options.messages?.[problem.status];
      if (custom) return custom;
      if (problem.isStaleVersion) {
        modal.confirm({
          title: t('problem.staleTitle'),
          content: t('problem.staleText'),
          okText: t('problem.reload'),
          cancelText: t('problem.cancel'),
          onOk: options.onReload ?? (() => queryClient.invalidateQueries()),
        });
        return undefined;
      }
      if (options.form && problem.errors.length > 0) {
        const unplaced = showFieldErrors(options.form, problem, t);
        return unplaced.length > 0 ? unplaced.join(' ') : undefined;
      }
      return describeProblem(problem, t);
    },
    [modal, queryClient, t],
  );
}

/** One sentence for a problem, in the current language. */
export function describeProblem(problem: ApiProblem, t: TFunction): string {
  if (problem.type === ProblemType.Network) return t('problem.network');
  if (problem.status === 429) return t('problem.tooManyRequests');
  if (problem.status === 401) return t('problem.unauthenticated');
  if (problem.status === 403 && problem.type === ProblemType.Forbidden) return t('problem.forbidden');
  if (problem.status === 404) return t('problem.notFound');
  if (problem.status >= 500) return t('problem.unexpected', { id: problem.correlationId ?? problem.status });
  if (problem.errors.length > 0) return problem.errors.map((e) => fieldMessage(e.rule, e.message, t)).join(' ');
  return t('problem.generic', { detail: problem.detail ?? problem.title });
}

/** Sets the errors of the fields the form has; returns the messages of those it has not. */
function showFieldErrors(form: FormInstance, problem: ApiProblem, t: TFunction): string[] {
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const error of problem.errors) {
    const name = fieldPath(error.field);
    const key = JSON.stringify(name);
    const text = fieldMessage(error.rule, error.message, t);
    if (!known.has(key)) {
      unplaced.push(text);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

/**
 * Our words for the rules we know: those of the public pages (problem.rules), then, once signed
 * in, those of the portals' API rules (apiRules); the server's message (English) for the rest.
 */
function fieldMessage(rule: string, serverMessage: string, t: TFunction): string {
  const keys = [`problem.rules.${rule}`, `apiRules.${rule}`];
  return (t as unknown as (keys: string[], options: { defaultValue: string }) => string)(keys, { defaultValue: serverMessage });
}
