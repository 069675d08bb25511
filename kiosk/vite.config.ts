import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The kiosk app: built to kiosk/dist, which the server serves at `/`. */
const backend = "http://localhost:8080";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": backend,
      "/socket.io": { target: backend, ws: true },
    },
  },
});
