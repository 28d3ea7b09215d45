import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app/App.tsx';
import { createGraphqlClient } from './client/graphqlClient.ts';
import { I18nProvider, localeNow } from './i18n/I18nProvider.tsx';
import './styles.css';

const client = createGraphqlClient(localeNow);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Provider value={client}>
        <App />
      </Provider>
    </I18nProvider>
  </StrictMode>,
);
