import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths from this file's URL (no node: imports: the renderer folder is Node-free by rule, configs included).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);
const outDir = decodeURIComponent(new URL('../dist/renderer', import.meta.url).pathname);

// Relative asset paths ('./') so the same build loads from file:// in Electron and over http in `tessera web`.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
