import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { WebglLeases } from './webgl-leases';

/**
 * Browsers keep about 16 live WebGL contexts per page and silently drop the oldest past that; we
 * lease at most this many, to visible panes only (webgl-leases.ts).
 */
export const MAX_WEBGL_TERMINALS = 8;
export const webglLeases = new WebglLeases(MAX_WEBGL_TERMINALS);
let gpuVerdict: boolean | undefined;
let leaseIds = 0;

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

export interface WebglLease {
  setVisible(visible: boolean): void;
  dispose(): void;
}

/**
 * Puts the terminal in line for a WebGL context: it renders with WebGL while it is visible and
 * holds a lease, with the DOM renderer otherwise. Whenever WebGL goes away (lease revoked, context
 * lost, addon failed) the DOM renderer takes over and the whole screen is repainted, so a pane is
 * never left blank.
 */
export function leaseWebgl(term: Terminal, visible: boolean): WebglLease {
  if (!webglWanted()) return { setVisible() {}, dispose() {} };
  const id = `webgl-${++leaseIds}`;
  let addon: WebglAddon | undefined;
  const repaint = () => {
    try {
      term.refresh(0, term.rows - 1);
    } catch {
      // Disposed meanwhile.
    }
  };
  const drop = () => {
    const current = addon;
    addon = undefined;
    current?.dispose();
    repaint();
  };
  webglLeases.register(
    id,
    {
      grant() {
        try {
          const created = new WebglAddon();
          created.onContextLoss(() => {
            if (addon !== created) return;
            drop();
            webglLeases.lost(id);
          });
          term.loadAddon(created);
          addon = created;
          return true;
        } catch {
          drop();
          return false;
        }
      },
      revoke: drop,
    },
    visible,
  );
  return {
    setVisible: (next) => webglLeases.setVisible(id, next),
    dispose: () => webglLeases.unregister(id),
  };
}

function safeLocalStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
