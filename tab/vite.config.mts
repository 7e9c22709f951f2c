import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/tab', import.meta.url));

export default defineConfig({
  root: tabRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // The audit form is its own lazy chunk; keep the first page small.
    chunkSizeWarningLimit: 800,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:3978' },
  },
});
