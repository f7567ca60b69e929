import { describe, expect, it } from 'vitest';
import { projectTrustContract } from '../contracts/project-trust.contract';
import { InMemoryProjectTrust } from './in-memory-project-trust';

projectTrustContract('InMemoryProjectTrust', async () => new InMemoryProjectTrust());

describe('InMemoryProjectTrust', () => {
  it('changes nothing when told its writes fail', async () => {
    const trust = new InMemoryProjectTrust();
    trust.failWrites = true;
    expect(await trust.trust('/p')).toMatchObject({ ok: false, error: { kind: 'store-write-failed' } });
    expect((await trust.get('/p')).trusted).toBe(false);
  });
});
