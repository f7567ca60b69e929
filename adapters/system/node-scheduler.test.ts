import { schedulerContract } from '../contracts/scheduler.contract';
import { NodeScheduler } from './node-scheduler';

schedulerContract('NodeScheduler', () => ({
  scheduler: new NodeScheduler(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}));
