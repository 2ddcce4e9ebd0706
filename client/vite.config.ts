// Vite build of the workspace: React app rooted in client/, served by the server under /atelier/, with its offline worker.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./build/precompress.ts";

export default defineConfig({
  root: import.meta.dirname,
  base: "/atelier/",
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The CSP allows no inline script: keep every asset a file, never a data: URL script.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: `${import.meta.dirname}/index.html`, sw: `${import.meta.dirname}/src/sw.ts` },
      // The worker keeps one address (/atelier/sw.js): a service worker is found again by its URL.
      output: { entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js") },
    },
  },
});
