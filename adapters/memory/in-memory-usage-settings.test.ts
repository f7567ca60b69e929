import { usageSettingsContract } from '../contracts/usage-settings.contract';
import { InMemoryUsageSettings } from './in-memory-usage-settings';

usageSettingsContract('InMemoryUsageSettings', async () => {
  const store = new InMemoryUsageSettings();
  return {
    store,
    reopen: () => store,
    breakWrites: () => void (store.failWrites = true),
  };
});
