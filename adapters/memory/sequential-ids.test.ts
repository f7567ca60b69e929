import { describe, expect, it } from 'vitest';
import { idGeneratorContract } from '../contracts/id-generator.contract';
import { SequentialIds } from './sequential-ids';

idGeneratorContract('SequentialIds', () => new SequentialIds('session'));

describe('SequentialIds', () => {
  it('counts up from one under its prefix, so tests can name the ids they expect', () => {
    const ids = new SequentialIds('s');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['s-1', 's-2', 's-3']);
  });
});
