import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Dev server: `/graphql` (queries, SSE subscriptions, uploads) and the webhooks go to the gateway.
const gateway = process.env.GOALPOST_GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    port: Number(process.env.DASHBOARD_DEV_PORT ?? 5173),
    strictPort: false,
    proxy: { '/graphql': { target: gateway, changeOrigin: false }, '/oauth': { target: gateway } },
  },
});
