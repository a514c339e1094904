import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApiClient } from './api/client';
import { App } from './app/App';
import { session } from './auth/session';
import { i18nReady } from './i18n/i18n';
import './app/global.css';

configureApiClient();

// Restore the session (a silent refresh with the HttpOnly cookie) before the first route
// decides whether the page needs a sign-in.
await Promise.all([i18nReady, session.restore()]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
