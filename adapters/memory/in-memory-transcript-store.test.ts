import { transcriptStoreContract, TRANSCRIPT_MAX } from '../contracts/transcript-store.contract';
import { InMemoryTranscriptStore } from './in-memory-transcript-store';

transcriptStoreContract('InMemoryTranscriptStore', async () => new InMemoryTranscriptStore({ maxBytes: TRANSCRIPT_MAX, keep: 2 }));
