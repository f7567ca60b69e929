import type { ITerminalOptions } from '@xterm/xterm';
import { cssVar } from '../theme';
import { withSymbolFonts } from './symbol-fonts';

/**
 * What every terminal pane is made with, theme aside. The launch-size probe (pane-sizer.ts) is made
 * with the same options, so it measures the same cells as the terminal the agent will show in.
 */
export function terminalOptions(): ITerminalOptions {
  return {
    allowProposedApi: true,
    fontFamily: withSymbolFonts(cssVar('--font-mono', 'monospace')),
    fontSize: 13,
    lineHeight: 1.15,
    cursorBlink: true,
    scrollback: 10_000,
    macOptionIsMeta: true,
  };
}
