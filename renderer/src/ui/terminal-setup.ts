import type { ITheme, Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
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

/** Browsers cap live WebGL contexts (about 16); past this many terminals fall back to the DOM renderer. */
const MAX_WEBGL_TERMINALS = 8;
let webglInUse = 0;
let gpuVerdict: boolean | undefined;

/**
 * WebGL only pays off on a real GPU: with a software rasterizer (SwiftShader, llvmpipe; headless
 * browsers, VMs) the DOM renderer is faster and keeps the screen as text. `?renderer=dom|webgl` or
 * localStorage `tessera.renderer` overrides the guess.
 */
export function webglWanted(): boolean {
  const forced = new URLSearchParams(location.search).get('renderer') ?? safeLocalStorage('tessera.renderer');
  if (forced === 'dom') return false;
  if (forced === 'webgl') return true;
  if (gpuVerdict !== undefined) return gpuVerdict;
  gpuVerdict = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      gpuVerdict = !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    gpuVerdict = false;
  }
  return gpuVerdict;
}

/** Loads the WebGL renderer if wanted and available; on failure or context loss xterm keeps the DOM renderer. */
export function tryWebgl(term: Terminal): { dispose(): void } {
  if (!webglWanted() || webglInUse >= MAX_WEBGL_TERMINALS) return { dispose() {} };
  let addon: WebglAddon | undefined;
  try {
    addon = new WebglAddon();
    addon.onContextLoss(() => release());
    term.loadAddon(addon);
    webglInUse++;
  } catch {
    addon?.dispose();
    return { dispose() {} };
  }
  let released = false;
  function release() {
    if (released) return;
    released = true;
    webglInUse--;
    // Disposing the addon hands rendering back to the DOM renderer.
    addon?.dispose();
  }
  return { dispose: release };
}

function safeLocalStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** A first guess of the terminal size from the pane's pixels, for launching before xterm has measured. */
export function estimateSize(element: HTMLElement | null): { cols: number; rows: number } | undefined {
  if (!element || element.clientWidth === 0) return undefined;
  const cols = Math.floor((element.clientWidth - 16) / 7.8);
  const rows = Math.floor((element.clientHeight - 8) / 17);
  return { cols: Math.max(20, Math.min(500, cols)), rows: Math.max(5, Math.min(200, rows)) };
}
