/**
 * Polls until `check` returns a value that is not undefined/false, or fails after the deadline.
 * Tests wait on behaviour, never on a fixed sleep (a slow CI machine only makes them slower).
 */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, deadlineMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > deadlineMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
