import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = path.dirname(new URL(import.meta.url).pathname);

// The SPA is served by the API process on one port; in `npm run dev` Vite proxies /api to it.
export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: process.env.PARINDEX_APP_OUT ?? path.join(here, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // dist/.vite/manifest.json: which chunks each page needs. server/web.ts preloads a page's chunks
    // with its HTML; test/integration/bundle-budget.test.ts keeps the public ranking's initial code small.
    manifest: true,
  },
  server: { proxy: { "/api": `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
