/**
 * The bench's bare xterm.js page: terminals with nothing of Tessera around them, each fed by its own
 * WebSocket from the bench process. A binary frame is output for `term.write`; once xterm has parsed
 * it, its byte count goes back as credit (the acks of one turn travel as one message).
 */
import { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import '@xterm/xterm/css/xterm.css';

/** One terminal, placed and sized as the Tessera pane it stands beside. */
export interface BareTerminalSpec {
  /** The element xterm opens in, in CSS pixels of the page. */
  readonly box: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
  readonly cols: number;
  readonly rows: number;
  readonly webgl: boolean;
}

export interface BareSetup {
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly terminals: readonly BareTerminalSpec[];
}

/** What each terminal became, for the bench to compare with the Tessera pane. */
export interface BareTerminalState {
  readonly cols: number;
  readonly rows: number;
  /** The pixel size of xterm's screen element. */
  readonly screen: { readonly width: number; readonly height: number };
  readonly renderer: 'webgl' | 'dom';
}

export interface BareXtermApi {
  /** Creates the terminals and opens their sockets; resolves once every socket is open. */
  setup(spec: BareSetup): Promise<BareTerminalState[]>;
  /** The visible rows of terminal `index` as text (trailing spaces trimmed). */
  screen(index: number): string;
}

declare global {
  interface Window {
    __bareXterm?: BareXtermApi;
  }
}

const terminals: Terminal[] = [];

function openTerminal(spec: BareTerminalSpec, setup: BareSetup): { term: Terminal; state: () => BareTerminalState } {
  const host = document.createElement('div');
  host.style.cssText = `position:absolute;left:${spec.box.left}px;top:${spec.box.top}px;width:${spec.box.width}px;height:${spec.box.height}px`;
  document.body.append(host);
  const term = new Terminal({
    allowProposedApi: true,
    cols: spec.cols,
    rows: spec.rows,
    fontFamily: setup.fontFamily,
    fontSize: setup.fontSize,
    lineHeight: setup.lineHeight,
    cursorBlink: true,
    scrollback: 10_000,
  });
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.open(host);
  let renderer: 'webgl' | 'dom' = 'dom';
  if (spec.webgl) {
    try {
      term.loadAddon(new WebglAddon());
      renderer = 'webgl';
    } catch {
      // No WebGL context: the DOM renderer stays, and the state says so.
    }
  }
  const state = (): BareTerminalState => {
    const screen = host.querySelector('.xterm-screen')!.getBoundingClientRect();
    return { cols: term.cols, rows: term.rows, screen: { width: screen.width, height: screen.height }, renderer };
  };
  return { term, state };
}

function feed(term: Terminal, url: string): Promise<void> {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  let credit = 0;
  const sendCredit = () => {
    const bytes = credit;
    credit = 0;
    socket.send(String(bytes));
  };
  socket.onmessage = (event) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    term.write(bytes, () => {
      if (credit === 0) queueMicrotask(sendCredit);
      credit += bytes.length;
    });
  };
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`bare xterm: could not open ${url}`));
  });
}

window.__bareXterm = {
  async setup(setup) {
    const opened = setup.terminals.map((spec) => openTerminal(spec, setup));
    terminals.push(...opened.map((o) => o.term));
    await Promise.all(opened.map((o, index) => feed(o.term, `ws://${location.host}/feed?terminal=${index}`)));
    return opened.map((o) => o.state());
  },
  screen(index) {
    const term = terminals[index]!;
    const buffer = term.buffer.active;
    const rows: string[] = [];
    for (let row = 0; row < term.rows; row++) rows.push((buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
    return rows.join('\n');
  },
};
