import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { createAppI18n } from './i18n/index'
import { registerServiceWorker } from './pwa/register'
import { clearPreloadReloaded, installPreloadErrorReload } from './pwa/preload-error'
import { applyElderMode, storedElderMode } from './features/elder/elder-mode'
import './styles/tokens.css'
import './styles/base.css'

installPreloadErrorReload(window, sessionStorage, () => window.location.reload())
// before the first paint, so a 长者模式 reader never sees the small layout flash by
applyElderMode(storedElderMode() === true)

const app = createApp(App)
const router = createAppRouter()
app.use(createPinia())
app.use(router)
app.use(createAppI18n())
app.mount('#app')

void router.isReady().then(() => {
  clearPreloadReloaded(sessionStorage)
  if (import.meta.env.PROD) registerServiceWorker()
})
