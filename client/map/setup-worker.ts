import { setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'

// MapLibre 6 starts its tile workers from a separate module file; Vite emits it as a hashed asset.
setWorkerUrl(workerUrl)
