import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../domain/ports/id-generator.port';

/** UUIDs: unique without coordination, and safe in URLs and file names. */
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
