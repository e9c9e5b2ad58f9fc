/**
 * Vite configuration of the renderer (the React console and inbox). The same build is served
 * by the gateway at `/` and loaded by Electron from its privileged app scheme, so asset URLs
 * are absolute (`/assets/...`) and no code is inlined (the CSP allows only 'self' scripts).
 * JSX is compiled by esbuild (no React plugin: no fast refresh needed for a production build).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // react-router marks its modules "use client" (for React Server Components), and zod puts
      // comments where rollup reads pure annotations (it drops them): both harmless in this bundle,
      // and noise in the first start's output.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
