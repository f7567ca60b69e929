/**
 * The answers to the terminal queries xterm's headless core leaves unanswered: a headless terminal
 * has no theme, so it ignores colour queries (OSC 4, 10, 11, 12), and it has no XTVERSION. Views
 * answer none of them (the renderer leaves every query to the host), so these come from here.
 */

/** The colours a program is told the terminal has. */
export interface TerminalPalette {
  readonly foreground: string;
  readonly background: string;
  readonly cursor: string;
  /** The 16 ANSI colours, black to bright white, as `#rrggbb`. */
  readonly ansi: readonly string[];
}

/** Tessera's default (dark) terminal theme: what a pane shows unless the user picked the light one. */
export const DEFAULT_PALETTE: TerminalPalette = {
  foreground: '#d6d8dc',
  background: '#17181b',
  cursor: '#e8e8e8',
  ansi: [
    '#2b2e34', '#f0686a', '#5fcf80', '#e6c15a', '#5aa2ff', '#c88bf5', '#4fc6d6', '#d6d8dc',
    '#6b717c', '#ff8587', '#7ee39b', '#f3d57a', '#82b9ff', '#dcaaff', '#7ad9e6', '#f4f5f7',
  ],
};

/** The emulator that parses, as XTVERSION names it (the headless and the page's xterm.js are the same version). */
export const EMULATOR_VERSION = 'xterm.js(6.0.0)';

const ST = '\x1b\\';

/** XTVERSION (`CSI > q` or `CSI > 0 q`): the terminal's name and version in a DCS string. */
export function versionReply(): string {
  return `\x1bP>|${EMULATOR_VERSION}${ST}`;
}

/**
 * Replies to OSC 10 / 11 / 12 (`ident`) whose `data` asks with `?`: each `?` slot answers for its
 * own colour (`OSC 10;?;?` asks for the foreground and the background). Setting a colour answers
 * nothing. Undefined when nothing was asked.
 */
export function specialColourReplies(ident: number, data: string, palette: TerminalPalette): string | undefined {
  const slots = data.split(';');
  const colours = [palette.foreground, palette.background, palette.cursor];
  let replies = '';
  slots.forEach((slot, i) => {
    const colour = colours[ident - 10 + i];
    if (slot === '?' && colour) replies += `\x1b]${ident + i};${xParseColor(colour)}${ST}`;
  });
  return replies || undefined;
}

/** Replies to OSC 4 (`index;?` pairs) for the colours of the 256-colour palette that are asked for. */
export function paletteReplies(data: string, palette: TerminalPalette): string | undefined {
  const parts = data.split(';');
  let replies = '';
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const index = Number(parts[i]);
    if (parts[i + 1] !== '?' || !Number.isInteger(index) || index < 0 || index > 255) continue;
    replies += `\x1b]4;${index};${xParseColor(paletteColour(index, palette))}${ST}`;
  }
  return replies || undefined;
}

/** Colour `index` of the 256: the theme's 16, then xterm's 6x6x6 cube and its 24 greys. */
function paletteColour(index: number, palette: TerminalPalette): string {
  if (index < 16) return palette.ansi[index] ?? '#000000';
  if (index < 232) {
    const steps = [0, 95, 135, 175, 215, 255];
    const n = index - 16;
    return hex(steps[Math.floor(n / 36)]!, steps[Math.floor(n / 6) % 6]!, steps[n % 6]!);
  }
  const grey = 8 + (index - 232) * 10;
  return hex(grey, grey, grey);
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** `#rrggbb` as X11's `rgb:rrrr/gggg/bbbb`, the form terminals answer colour queries in. */
function xParseColor(colour: string): string {
  const channels = [1, 3, 5].map((at) => colour.slice(at, at + 2));
  return `rgb:${channels.map((c) => c + c).join('/')}`;
}
