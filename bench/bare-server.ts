/**
 * The floor under every HTTP figure: a bare Fastify answering a small JSON,
 * no database, no session, no plugins. Started by `startBareServer` (lib.ts)
 * in a process of its own, as the real server is, and measured with the same
 * client, so a case's ratio to it is what the application adds.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
