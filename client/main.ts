import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { createAppI18n } from './i18n/index'
import { registerServiceWorker } from './pwa/register'
import './styles/tokens.css'
import './styles/base.css'

// A stale tab asking for a chunk that a new deployment removed: reload once (DESIGN.md traps).
const PRELOAD_RELOADED_KEY = 'sh.preloadReloaded'
window.addEventListener('vite:preloadError', (event) => {
  if (sessionStorage.getItem(PRELOAD_RELOADED_KEY)) return
  sessionStorage.setItem(PRELOAD_RELOADED_KEY, '1')
  event.preventDefault()
  window.location.reload()
})

const app = createApp(App)
const router = createAppRouter()
app.use(createPinia())
app.use(router)
app.use(createAppI18n())
app.mount('#app')

void router.isReady().then(() => {
  sessionStorage.removeItem(PRELOAD_RELOADED_KEY)
  if (import.meta.env.PROD) registerServiceWorker()
})
