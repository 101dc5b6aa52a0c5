import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { createAppI18n } from './i18n/index'
import { registerServiceWorker } from './pwa/register'
import { clearPreloadReloaded, installPreloadErrorReload } from './pwa/preload-error'
import './styles/tokens.css'
import './styles/base.css'

installPreloadErrorReload(window, sessionStorage, () => window.location.reload())

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
