import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { PHONE_HTML, PHONE_PAGES } from './src/server/http/phone-pages.js';

const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/** Every file under `dir`. */
const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

/**
 * After the bundle: the phone app's service worker (src/web/phone/service-worker.js, filled in with the
 * phone paths and every file of the phone app — its entry and, through static and dynamic imports, each
 * of its pages — so that any phone page opens offline once one was visited; written to sw.js), then
 * file.br and file.gz beside every text file of the build, compressed once at the highest levels; the
 * server sends them as they are (@fastify/static's preCompressed) instead of compressing per request.
 */
function phoneBuild(): Plugin {
  let phoneFiles: string[] = [];
  return {
    name: 'lianxin-phone-build',
    apply: 'build',
    generateBundle(_options, bundle) {
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || !chunk || chunk.type !== 'chunk') return;
        seen.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
        [...chunk.imports, ...chunk.dynamicImports].forEach(visit);
      };
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry && chunk.facadeModuleId?.endsWith('/phone/phone.html')) visit(chunk.fileName);
      phoneFiles = [...seen].map((name) => `/${name}`).sort();
    },
    closeBundle() {
      if (phoneFiles.length === 0) throw new Error('phone app entry not found in the bundle');
      const version = createHash('sha256').update(phoneFiles.join()).digest('hex').slice(0, 12);
      const worker = readFileSync(fileURLToPath(new URL('./src/web/phone/service-worker.js', import.meta.url)), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PHONE_HTML__', PHONE_HTML)
        .replace('= __PHONE_PAGES__;', `= ${PHONE_PAGES.toString()};`)
        .replace('...__SHELL_ASSETS__', `...${JSON.stringify(phoneFiles)}`);
      writeFileSync(join(outDir, 'sw.js'), worker);

      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const data = readFileSync(file);
        // Tiny files gain nothing worth a second request header.
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** `vite` (dev): the phone pages get phone.html, as the server does in production. */
function phonePagesInDev(): Plugin {
  return {
    name: 'lianxin-phone-pages',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && PHONE_PAGES.test(req.url) && req.headers.accept?.includes('text/html')) req.url = `/${PHONE_HTML}`;
        next();
      });
    },
  };
}

/**
 * The web front end lives in src/web; the Fastify server serves the build from dist/web.
 * Two pages: the staff console (index.html) and the workers' phone app (phone/phone.html),
 * which shares no library beyond React, React Router and TanStack Query with it.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), phoneBuild(), phonePagesInDev()],
  build: {
    outDir,
    emptyOutDir: true,
    // antd alone is ~1 MB minified; it is one cacheable chunk shared by every page.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./src/web/index.html', import.meta.url)),
        phone: fileURLToPath(new URL(`./src/web/${PHONE_HTML}`, import.meta.url)),
      },
      output: {
        // Vendor code changes far less often than ours: keep it in long-cached chunks.
        codeSplitting: {
          groups: [
            // React, its router and TanStack Query in one chunk: both apps need all three, and on a slow network every request counts (the phone app's entry waits for each).
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack)[\\/]/,
              priority: 30,
            },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|dayjs|classnames|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|stylis|@emotion)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
