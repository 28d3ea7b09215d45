import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { SessionClientProvider } from './app/SessionClientProvider.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionClientProvider>
        <App />
      </SessionClientProvider>
    </I18nProvider>
  </StrictMode>,
);
