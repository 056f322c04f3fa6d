import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { noSuchRoute } from '../platform/errors.js';
import { PHONE_HTML, PHONE_PAGES, phonePreloads } from './phone-pages.js';

/** Hashed build output: its name changes with its content, so a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (the HTML, the service worker, the manifest, icons): ask the server each time, so a release shows at once. */
const REVALIDATE = 'no-cache';

/**
 * The built web app from `webDir`: files as they are, in their precompressed
 * .br/.gz form when the browser takes it (the build writes them), hashed
 * assets cached for a year and the rest revalidated; any other non-API GET is
 * a client-side route and gets its app's HTML — the phone app's for the phone
 * pages (PHONE_PAGES), the staff console's for the rest.
 */
export async function registerWeb(app: FastifyInstance, webDir: string) {
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    const assets = `${sep}assets${sep}`;
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(join(webDir, assets)) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      // A client-side route: its HTML, which names the current hashed assets, never cached.
      if (!PHONE_PAGES.test(request.url)) return reply.sendFile('index.html');
      const preloads = phonePreloads(request.url);
      if (preloads.length) void reply.header('link', preloads.map((path) => `<${path}>; rel=preload; as=fetch; crossorigin`).join(', '));
      return reply.sendFile(PHONE_HTML);
    }
    return reply.status(404).send(noSuchRoute(request.method).toBody());
  });
}
