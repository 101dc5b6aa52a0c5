import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { precompressPlugin } from './scripts/precompress'

// The service worker precaches the built shell; /api/ is never served from it (personal data and
// sync go to the network; offline data lives in IndexedDB) — except the public region nodes of the
// region picker (/api/regions, /api/regions/<code>: the same for everyone, sent Cache-Control:
// public), kept as browsed so the picker works offline for places opened before. Registered from code through
// workbox-window (client/pwa/register.ts), never by an inline script: the CSP forbids those.
export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: '科技工作者之家',
        short_name: '科技之家',
        description: '网上科技工作者之家：找组织、入会、活动、科技志愿服务、党校学习，离线也能用。',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1a4f8b',
        background_color: '#f3f5f8',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // The password-strength worker (1.7 MB of dictionaries) is fetched only by the register and
        // password screens, which need the network anyway; precaching it would triple what every
        // first visit downloads in the background. Offline, the meter stays silent.
        globIgnores: ['**/password-estimator.worker-*.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first visit's page is taken over at once, so it works offline without a reload;
        // later versions still wait for the person (no skipWaiting).
        clientsClaim: true,
        runtimeCaching: [
          {
            // the picker's nodes only (/api/regions, /api/regions/<code>); searches are not kept (what a
            // person typed says where they live). Same origin only: workbox matches a RegExp anywhere
            // in a same-origin URL. No expiration plugin: it would keep the URLs in IndexedDB after
            // logout; the cache is bounded by the number of places and emptied at logout.
            urlPattern: /\/api\/regions(?:\/\d+)?(?:\?|$)/,
            handler: 'StaleWhileRevalidate',
            options: {
              cacheName: 'regions', // REGION_CACHE (client/features/regions/api.ts), emptied at logout
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      devOptions: { enabled: process.env.SW_DEV === '1' },
    }),
    // .br and .gz beside each text file of dist/, sent by server/static.ts to browsers that accept them
    precompressPlugin(),
  ],
  define: {
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_OPTIONS_API__: true,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
})
