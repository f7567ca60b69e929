import { skillStoreContract } from '../contracts/skill-store.contract';
import { InMemorySkillStore } from './in-memory-skill-store';

skillStoreContract('InMemorySkillStore', async () => new InMemorySkillStore());
