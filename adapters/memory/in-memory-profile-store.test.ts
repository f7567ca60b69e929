import { profileStoreContract } from '../contracts/profile-store.contract';
import { InMemoryProfileStore } from './in-memory-profile-store';

profileStoreContract('InMemoryProfileStore', async (builtins) => new InMemoryProfileStore(builtins));
