/**
 * The renderer's Content-Security-Policy, one for the desktop window and the web page (the renderer is
 * untrusted): everything from the app itself, no plugins, no framing, no form posts; styles inline
 * because CodeMirror and xterm.js inject them. `connect` adds what the page may connect to besides
 * itself (the web page's WebSocket origin).
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [...pageDirectives(connect), "frame-ancestors 'none'"].join('; ');
}

/**
 * The same policy as the page carries it in its own `<meta>` (renderer/index.html), so that it
 * holds however the page is loaded, from a file in the desktop app included, where no response
 * header carries one. A `<meta>` policy cannot say frame-ancestors (browsers ignore it there); the
 * header and X-Frame-Options do.
 */
export function metaContentSecurityPolicy(): string {
  return pageDirectives([]).join('; ');
}

function pageDirectives(connect: readonly string[]): string[] {
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
  ];
}
