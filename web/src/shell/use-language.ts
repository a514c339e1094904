import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { updateMe, meQuery } from '../auth/auth-api';
import { useMe } from '../auth/use-session';
import { applyLanguage, currentLanguage, isLanguage, type Language } from '../i18n/i18n';

/** Signed in, the profile's language wins: it is also the language of the person's e-mails. */
export function useLanguageFromProfile(): void {
  const me = useMe();
  const language = me?.preferredLanguage;
  useEffect(() => {
    if (isLanguage(language) && language !== currentLanguage()) void applyLanguage(language);
  }, [language]);
}

/** Switch the language; signed in, it is saved to the profile too. */
export function useSwitchLanguage(): (language: Language) => Promise<void> {
  const me = useMe();
  const queryClient = useQueryClient();
  return useCallback(
    async (language: Language) => {
      await applyLanguage(language);
      if (me && me.preferredLanguage !== language) {
        queryClient.setQueryData(meQuery().queryKey, await updateMe({ preferredLanguage: language }));
      }
    },
    [me, queryClient],
  );
}
