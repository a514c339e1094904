import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app. `npm run build` writes it to dist/web, which Nest serves from the API's own
 * process and origin (src/web-app). `npx vite --config web/vite.config.ts` serves it with
 * reloads on :5173 and proxies /api to the app on :3000 (`npm start`).
 *
 * No @vitejs/plugin-react: Vite compiles JSX itself (oxc); the plugin would only add Fast
 * Refresh, and its optional Babel peers do not resolve with the project's Jest toolchain.
 */
export default defineConfig({
  root: here('.'),
  publicDir: here('./public'),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // The portals load lazily (src/app/routes.tsx): each page's own Ant Design components come with it.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components): meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
