import { clockContract } from '../contracts/clock.contract';
import { idGeneratorContract } from '../contracts/id-generator.contract';
import { RandomIdGenerator } from './random-id-generator';
import { SystemClock } from './system-clock';

clockContract('SystemClock', () => new SystemClock());
idGeneratorContract('RandomIdGenerator', () => new RandomIdGenerator());
