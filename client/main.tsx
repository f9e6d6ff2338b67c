import { Fragment, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import 'maplibre-gl/dist/maplibre-gl.css'
import './styles/app.css'
import './styles/auth.css'
import './styles/admin.css'
import './styles/coverage.css'
import './styles/schedule.css'
import './styles/dashboard.css'
import './styles/screen.css'
import './styles/clusters.css'
import './styles/battle.css'
import { App } from './app/app.js'
import { AppProviders } from './app/providers.js'

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')

// StrictMode's double effects only under the dev server: a build made with NODE_ENV≠production (as under
// vitest) gets React's development runtime, and the doubled mounts would show up as cancelled requests.
const Strict = import.meta.env.MODE === 'development' ? StrictMode : Fragment

createRoot(root).render(
  <Strict>
    <AppProviders>
      <App />
    </AppProviders>
  </Strict>,
)
