/**
 * The renderer's Content-Security-Policy, one for the desktop window and the web page (the renderer is
 * untrusted, DESIGN §4): everything from the app itself, no plugins, no framing, no form posts; styles
 * inline because CodeMirror and xterm.js inject them. `connect` adds what the page may connect to
 * besides itself (the web page's WebSocket origin).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
