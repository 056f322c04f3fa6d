import { setupRoutes } from './platform/setup/routes.js';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { registerAuthentication } from './http/auth.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './http/error-handler.js';
import { registerInputGuard } from './http/input-guard.js';
import { MODULES } from './modules/index.js';
import type { ModuleDefinition } from './platform/module.js';
import { orgRoutes } from './platform/org-tree/routes.js';
import { accountRoutes } from './platform/accounts/routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { calendarRoutes } from './platform/calendar/routes.js';
import { dictionaryRoutes } from './platform/dictionaries/routes.js';
import { declareWorkflowLabels } from './platform/labels/registry.js';
import { settingRoutes } from './platform/settings/routes.js';
import { createJobScheduler, type JobScheduler } from './platform/jobs.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { smsRoutes } from './platform/sms/routes.js';
import { workflowRoutes } from './platform/workflow/routes.js';
import { todoRoutes } from './platform/todos.js';
import { publicUrlRoutes } from './platform/public-url.js';
import { AccessLog, prettyStream } from './http/access-log.js';
import { registerCompression } from './http/compress.js';
import { registerWeb } from './http/web.js';
import { createServices, type Services } from './services.js';

// Validation messages in Chinese: the users read them.
z.config(zhCN());

const isPublicStatic = (url: string) => url === '/api/openapi.json' || url === '/api/docs' || url.startsWith('/api/docs/');

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  /** Background jobs: `main` starts them once the server listens; closing the app stops them. Tests run jobs directly. */
  jobs: JobScheduler;
}

/** The whole HTTP application on a given database; `main` starts it, tests `inject` into it. */
export async function buildApp(
  config: Pick<Config, 'trustProxy' | 'secureCookies' | 'webDir' | 'logLevel'> & Partial<Pick<Config, 'sms' | 'smsReportToken' | 'logFormat'>> & { secret: string; today?: () => string },
  database: Database,
): Promise<BuiltApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(config.logFormat === 'pretty' ? { stream: prettyStream() } : {}) },
    logController: new AccessLog(config.logFormat === 'pretty' ? 'info' : 'debug'),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // What Fastify and Node would otherwise answer by themselves, in their shape and quoting the URL.
    frameworkErrors,
    clientErrorHandler,
  });
  const services = createServices(database.db, { secret: config.secret, today: config.today, sms: config.sms, log: (message) => app.log.info(message) });

  // Infrastructure first, then decorators and hooks, then routes (fastify/demo's order).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputGuard(app);
  registerCompression(app);
  // API answers are per user and per moment; only the documentation may be cached.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !isPublicStatic(request.url) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // Swagger UI and antd need no cross-origin isolation; keep the default off to avoid breaking tiles later.
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '连心 Lianxin API', version: '0.1.0', description: '智慧工会工作台接口。所有写操作需带 x-csrf-token 请求头（登录除外）。' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerAuthentication(app, services.accounts);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    schema: { tags: ['系统 system'], summary: '健康检查 Health', response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) } },
    handler: async () => {
      await database.db.execute('select 1');
      return { status: 'ok' as const, db: database.kind };
    },
  });
  r.get('/api/openapi.json', { schema: { hide: true }, handler: async () => app.swagger() });

  await app.register(accountRoutes, { accounts: services.accounts, users: services.users, roles: services.roles, secureCookies: config.secureCookies });
  await app.register(orgRoutes, { orgs: services.orgs });
  await app.register(setupRoutes, { setup: services.setup });
  await app.register(auditRoutes, { audit: services.audit });
  await app.register(notificationRoutes, { notifications: services.notifications });
  await app.register(calendarRoutes, { calendar: services.calendar });
  await app.register(settingRoutes, { settings: services.settings });
  await app.register(dictionaryRoutes, { dictionaries: services.dictionaries });
  await app.register(smsRoutes, { sms: services.sms, reportToken: config.smsReportToken });
  // Each module's routes, as the module declares them (modules/index.ts).
  const modules = MODULES as readonly ModuleDefinition<object>[];
  for (const module of modules) await app.register(module.routes, { services });
  const workflows = modules.flatMap((m) => m.workflows?.(services) ?? []);
  // The operation log names a transition in its own words (`membership.approve` → 会籍·批准入会).
  declareWorkflowLabels(workflows);
  await app.register(workflowRoutes, { workflows });
  await app.register(todoRoutes, { sources: services.todoSources });
  await app.register(publicUrlRoutes, { settings: services.settings });

  await registerWeb(app, config.webDir);

  const jobs = createJobScheduler({ db: database.db, jobs: services.jobs, log: app.log });
  app.addHook('onClose', async () => jobs.stop());

  return { app, services, jobs };
}
