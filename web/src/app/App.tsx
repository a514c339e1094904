import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { session } from '../auth/session';
import { useLanguageFromProfile } from '../shell/use-language';
import { createAppRouter } from './router';
import { theme } from './theme';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change on a retry; a dropped connection or a 5xx may.
        retry: (failures, error) => failures < 2 && !isClientError(error),
      },
    },
  });
}

const isClientError = (error: unknown): boolean => {
  const status = toApiProblem(error).status;
  return status >= 400 && status < 500;
};

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter({ queryClient, session }));
  const { i18n } = useTranslation();

  useEffect(
    () =>
      session.subscribe(() => {
        // Nothing of one person's data stays for the next one on this browser.
        if (!session.isSignedIn) queryClient.clear();
        void router.invalidate();
      }),
    [queryClient, router],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntApp>
          <LanguageFromProfile />
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

function LanguageFromProfile() {
  useLanguageFromProfile();
  return null;
}
