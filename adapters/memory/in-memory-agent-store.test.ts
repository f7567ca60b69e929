import { agentStoreContract } from '../contracts/agent-store.contract';
import { InMemoryAgentStore } from './in-memory-agent-store';

agentStoreContract('InMemoryAgentStore', async () => new InMemoryAgentStore());
