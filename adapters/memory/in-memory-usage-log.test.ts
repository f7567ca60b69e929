import { usageLogContract } from '../contracts/usage-log.contract';
import { InMemoryUsageLog } from './in-memory-usage-log';

usageLogContract('InMemoryUsageLog', async () => new InMemoryUsageLog());
