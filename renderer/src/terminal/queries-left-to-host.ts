import type { IDisposable, IParser } from '@xterm/xterm';

/**
 * Makes a view's xterm.js answer no terminal query: the host's mirror answers each one, once,
 * whatever the number of views (none, one, several). Handlers registered here run before xterm's
 * own and return true ("handled"), so xterm never builds the reply.
 *
 * Swallowing at the parser, rather than dropping replies from onData, needs no guess about which
 * bytes are a reply: a reply and a keystroke or a paste can be byte-for-byte the same, and onData
 * does not say where its bytes came from. Queries change nothing on a screen, so the view loses
 * nothing by not handling them. Colour sequences that set a colour still reach xterm.
 */
export function leaveQueriesToHost(parser: IParser): IDisposable {
  const handled = () => true;
  const asks = (data: string) => data.split(';').includes('?');
  const hooks: IDisposable[] = [
    parser.registerCsiHandler({ final: 'c' }, handled), // DA1
    parser.registerCsiHandler({ prefix: '>', final: 'c' }, handled), // DA2
    parser.registerCsiHandler({ prefix: '=', final: 'c' }, handled), // DA3
    parser.registerCsiHandler({ final: 'n' }, handled), // DSR: status, cursor position
    parser.registerCsiHandler({ prefix: '?', final: 'n' }, handled), // DECDSR
    parser.registerCsiHandler({ intermediates: '$', final: 'p' }, handled), // DECRQM, ANSI modes
    parser.registerCsiHandler({ prefix: '?', intermediates: '$', final: 'p' }, handled), // DECRQM, DEC modes
    parser.registerCsiHandler({ prefix: '>', final: 'q' }, handled), // XTVERSION
    parser.registerCsiHandler({ prefix: '?', final: 'u' }, handled), // keyboard protocol flags
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, handled), // DECRQSS
    ...[4, 10, 11, 12].map((ident) => parser.registerOscHandler(ident, asks)), // colours asked with `?`
  ];
  return { dispose: () => hooks.forEach((hook) => hook.dispose()) };
}
