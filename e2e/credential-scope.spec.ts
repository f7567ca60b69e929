import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { expect, test } from './support/fixtures';

/**
 * Browsers keep cookies per host, not per port: whatever credential a page of 127.0.0.1:A holds
 * as a cookie, 127.0.0.1:B receives. Here the user has Tessera open and the same browser talks to
 * another local server (a dev server, anything): everything that server receives is tried against
 * Tessera, the way a program replaying it would (with Tessera's own Origin), and none of it may open
 * a Tessera socket. The token the user was given still does, so the refusals are not a broken replay.
 */

interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

async function neighbour(): Promise<{ server: Server; origin: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    response.setHeader('Content-Type', 'text/html');
    response.end('<!doctype html><title>neighbour</title><p>another local server</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** Every value the neighbour was handed that could be a credential: cookie values, header values, query values. */
function candidates(received: readonly Received[]): string[] {
  const out = new Set<string>();
  for (const { url, headers } of received) {
    for (const [name, value] of Object.entries(headers)) {
      for (const text of [value ?? ''].flat()) {
        out.add(text);
        if (name === 'cookie') {
          for (const part of text.split(';')) {
            const eq = part.indexOf('=');
            if (eq > 0) out.add(decodeURIComponent(part.slice(eq + 1).trim()));
          }
        }
      }
    }
    for (const value of new URL(url, 'http://x').searchParams.values()) out.add(value);
  }
  return [...out].filter((value) => value.length > 0);
}

/** Opens Tessera's /rpc as a script would, with Tessera's own Origin; resolves with the HTTP status (101 = let in). */
function tryRpc(tesseraOrigin: string, query: string, headers: Record<string, string>): Promise<number> {
  const url = `${tesseraOrigin.replace(/^http/, 'ws')}/rpc${query}`;
  const ws = new WebSocket(url, { origin: tesseraOrigin, headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

test('another local server the browser talks to receives nothing that opens Tessera', async ({ app }) => {
  test.skip(!app.host, 'the desktop app serves no HTTP');
  const host = app.host!;
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  const other = await neighbour();
  try {
    // Scripts of the page reaching out: the page's CSP blocks these, which is one more layer, not the point.
    await page.evaluate(async (origin) => {
      await fetch(`${origin}/fetched-by-tessera-page`, { credentials: 'include', mode: 'no-cors' }).catch(() => undefined);
    }, other.origin);
    // The page itself goes to the neighbour (a link followed), and the browser sends what it keeps for that host.
    await page.evaluate((origin) => window.location.assign(`${origin}/navigated-from-tessera`), other.origin);
    await expect(page.getByText('another local server')).toBeVisible();
    // The user opens the neighbour in the same browser, in a tab beside Tessera's.
    const tab = await page.context().newPage();
    await tab.goto(`${other.origin}/opened-by-the-user`);
    await expect(tab.getByText('another local server')).toBeVisible();
    await tab.close();

    const paths = other.received.map((r) => new URL(r.url, 'http://x').pathname);
    expect(paths).toEqual(expect.arrayContaining(['/navigated-from-tessera', '/opened-by-the-user']));
    const seen = candidates(other.received);
    test.info().annotations.push({ type: 'cookies the neighbour received', description: JSON.stringify(other.received.map((r) => r.headers.cookie ?? '(none)')) });
    for (const value of seen) {
      expect(await tryRpc(host.origin, `?token=${encodeURIComponent(value)}`, {}), `token=${value}`).toBe(401);
      expect(await tryRpc(host.origin, '', { cookie: `token=${value}; tessera_token_${new URL(host.origin).port}=${value}` }), `cookie ${value}`).toBe(401);
    }
    const cookieLine = other.received.find((r) => r.headers.cookie)?.headers.cookie;
    if (cookieLine) expect(await tryRpc(host.origin, '', { cookie: cookieLine })).toBe(401);
    // The token the user was given opens it: the refusals above are about what the neighbour got.
    expect(await tryRpc(host.origin, `?token=${encodeURIComponent(host.token)}`, {})).toBe(101);
  } finally {
    await new Promise((resolve) => other.server.close(resolve));
  }
});

test('the page keeps its token across a reload, in this tab only, and the address no longer shows it', async ({ app }) => {
  test.skip(!app.host, 'the desktop app has no token');
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await page.reload();
  await expect(page.getByRole('button', { name: 'New agent' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'sample-project' })).toBeVisible();
});
