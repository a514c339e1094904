import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getCase, updateApplication } from '../api/generated/sdk.gen';
import type { CaseView } from '../api/generated/types.gen';
import { ProblemType, toApiProblem, type ApiProblem } from '../api/problem';
import { savesAs, toApplicationBody, type ApplicationValues } from './application-form';

export type SaveState = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; problem: ApiProblem };

const DEBOUNCE_MS = 800;

/** Typed but not yet saved, kept in this tab until the server has it (a reload or a dropped network loses nothing). */
export const unsavedKey = (caseId: string) => `accord.filing.unsaved.${caseId}`;

export function readUnsaved(caseId: string): ApplicationValues | undefined {
  try {
    const raw = sessionStorage.getItem(unsavedKey(caseId));
    return raw ? (JSON.parse(raw) as ApplicationValues) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Autosave of the application: each change, after a pause, PUTs the whole application with
 * the version it was edited from. One save at a time; changes made while one is on its way go
 * in the next. A failed save keeps the values in sessionStorage and is retried when the
 * browser is back online (or on "retry"); a refusal puts the field errors beside the fields.
 */
export function useAutosave(options: {
  caseId: string;
  form: FormInstance<ApplicationValues>;
  initialVersion: number;
  preferredLanguage: string;
  onProblem: (problem: ApiProblem) => void;
}) {
  const { caseId, form, preferredLanguage, onProblem } = options;
  const queryClient = useQueryClient();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(options.initialVersion);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const saveNow = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) return inFlight.current.then(() => (dirty.current ? saveNow() : true));
    if (!dirty.current) return Promise.resolve(true);
    dirty.current = false;
    setState({ kind: 'saving' });
    const values = form.getFieldsValue(true) as ApplicationValues;
    /** The server has `values` as `saved`: later changes name its version. */
    const landed = (saved: CaseView): true => {
      version.current = saved.version;
      queryClient.setQueryData<CaseView>(['cases', caseId], saved);
      if (!dirty.current) {
        sessionStorage.removeItem(unsavedKey(caseId));
        setState({ kind: 'saved', at: new Date() });
      }
      return true;
    };
    const run = (async () => {
      try {
        const { data } = await updateApplication({
          path: { id: caseId },
          body: toApplicationBody(values, { preferredLanguage, expectedVersion: version.current }),
          throwOnError: true,
        });
        return landed(data);
      } catch (error) {
        const problem = toApiProblem(error);
        if (problem.isStaleVersion) {
          // Perhaps our own earlier save landed after all (its answer lost to a reload): then
          // the server already has these values, and only the version is news.
          const { data: latest } = await getCase({ path: { id: caseId } }).catch(() => ({ data: undefined }));
          if (latest && savesAs(latest, values)) return landed(latest);
        }
        dirty.current = true;
        setState({ kind: 'failed', problem });
        if (problem.type !== ProblemType.Network) onProblem(problem);
        return false;
      } finally {
        inFlight.current = undefined;
      }
    })();
    inFlight.current = run;
    return run.then((ok) => (ok && dirty.current ? saveNow() : ok));
  }, [caseId, form, onProblem, preferredLanguage, queryClient]);

  /** Call on every change of the form. */
  const changed = useCallback(() => {
    dirty.current = true;
    try {
      sessionStorage.setItem(unsavedKey(caseId), JSON.stringify(form.getFieldsValue(true)));
    } catch {
      // storage full or disabled: the server copy is all we have
    }
    setState({ kind: 'pending' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS);
  }, [caseId, form, saveNow]);

  // Back online: send what the dropped connection kept from the server.
  useEffect(() => {
    const online = () => {
      if (dirty.current) void saveNow();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(timer.current);
    };
  }, [saveNow]);

  return {
    state,
    changed,
    /** Save what is pending now; resolves true once the server has everything. */
    flush: saveNow,
    retry: () => {
      dirty.current = true;
      return saveNow();
    },
    /** The version the next change must name (after a transition, the transition's). */
    version,
  };
}
