import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where the dev server forwards /api and /tiles; API_TARGET lets a second server run beside the main one. */
const apiTarget = process.env.API_TARGET || 'http://localhost:3000'
// xfwd: the server writes absolute tile URLs into TileJSON from X-Forwarded-Host, so they point back here.
const proxy = {
  // Not '/api': the client's own modules live in client/api/ and are served at /api/*.ts by the dev server.
  '^/api/(?!.*\\.tsx?(\\?.*)?$)': { target: apiTarget, changeOrigin: true, xfwd: true },
  '/tiles': { target: apiTarget, changeOrigin: true, xfwd: true },
}

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; separate vendor chunks keep them cached across app releases.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'deckgl', test: /node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl)/ },
            { name: 'charts', test: /node_modules[\\/](recharts|d3-|victory-vendor|@reduxjs|immer|reselect)/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: { port: Number(process.env.VITE_PORT) || 5173, proxy },
  preview: { port: Number(process.env.VITE_PORT) || 4173, proxy },
})
