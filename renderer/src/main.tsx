import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseApi } from './api/choose-api';
import { createAppStores } from './stores/app-stores';
import { browserClock } from './terminal/browser-clock';
import { createPaneSizer } from './terminal/pane-sizer';
import { createThemeStore } from './theme';
import { App } from './ui/shell/App';
import { installBenchProbe } from './terminal/bench-probe';
import { StoresProvider } from './ui/shell/StoresContext';
import './styles.css';

installBenchProbe(browserClock);
const api = chooseApi();
const stores = createAppStores(api, { sizer: createPaneSizer() });
const theme = createThemeStore(window.localStorage, document.documentElement);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores} theme={theme}>
      <App />
    </StoresProvider>
  </StrictMode>,
);

void stores.start();
