import type { ITheme } from '@xterm/xterm';
import { cssVar } from '../theme';

/** The terminal palette comes from the theme's CSS variables, so xterm follows the app theme. */
export function xtermTheme(): ITheme {
  const ansi = (n: number, fallback: string) => cssVar(`--ansi-${n}`, fallback);
  return {
    background: cssVar('--term-bg', '#181818'),
    foreground: cssVar('--term-fg', '#d4d4d4'),
    cursor: cssVar('--term-cursor', '#d4d4d4'),
    cursorAccent: cssVar('--term-bg', '#181818'),
    selectionBackground: cssVar('--term-selection', '#264f78'),
    scrollbarSliderBackground: cssVar('--term-scrollbar', 'rgba(128, 128, 128, 0.22)'),
    scrollbarSliderHoverBackground: cssVar('--term-scrollbar-hover', 'rgba(128, 128, 128, 0.38)'),
    scrollbarSliderActiveBackground: cssVar('--term-scrollbar-active', 'rgba(128, 128, 128, 0.5)'),
    black: ansi(0, '#000000'),
    red: ansi(1, '#cd3131'),
    green: ansi(2, '#0dbc79'),
    yellow: ansi(3, '#e5e510'),
    blue: ansi(4, '#2472c8'),
    magenta: ansi(5, '#bc3fbc'),
    cyan: ansi(6, '#11a8cd'),
    white: ansi(7, '#e5e5e5'),
    brightBlack: ansi(8, '#666666'),
    brightRed: ansi(9, '#f14c4c'),
    brightGreen: ansi(10, '#23d18b'),
    brightYellow: ansi(11, '#f5f543'),
    brightBlue: ansi(12, '#3b8eea'),
    brightMagenta: ansi(13, '#d670d6'),
    brightCyan: ansi(14, '#29b8db'),
    brightWhite: ansi(15, '#e5e5e5'),
  };
}
