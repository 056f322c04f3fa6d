import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import type { DictionaryService } from './service.js';

export const dictionaryEntryView = z.object({ code: z.string(), label: z.string(), sortOrder: z.number(), enabled: z.boolean(), builtIn: z.boolean(), version: z.number() });
export const dictionaryView = z.object({ name: z.string(), label: z.string(), description: z.string(), fixedCodes: z.boolean(), editable: z.boolean(), entries: z.array(dictionaryEntryView) });

const label = z.string().trim().min(1, '请填写名称').max(100).meta({ title: '名称' });
const sortOrder = z.number().int().min(0).max(1_000_000).meta({ title: '排序' });
export const dictionaryEntryChange = z.object({ label: label.optional(), sortOrder: sortOrder.optional(), enabled: z.boolean().optional(), version: z.number().int().min(0) });
export const newDictionaryEntry = z.object({
  code: z.string().trim().min(1, '请填写代码').max(64).regex(/^[a-z0-9_]+$/, '代码只能由小写字母、数字和下划线组成').meta({ title: '代码' }),
  label,
  sortOrder: sortOrder.optional(),
});

const dictionaryParam = z.string().max(64).regex(/^[a-z0-9_]+$/, '字典名无效');

export async function dictionaryRoutes(app: FastifyInstance, deps: { dictionaries: DictionaryService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['字典 dictionaries'];
  r.get('/api/dictionaries', {
    schema: { tags, summary: '数据字典 Dictionaries', response: { 200: z.object({ items: z.array(dictionaryView) }) } },
    handler: async (request) => ({ items: await deps.dictionaries.list(requireActor(request)) }),
  });
  r.post('/api/dictionaries/:name/entries', {
    schema: { tags, summary: '新增字典项 Add an entry', params: z.object({ name: dictionaryParam }), body: newDictionaryEntry, response: { 201: dictionaryEntryView } },
    handler: async (request, reply) => reply.status(201).send(await deps.dictionaries.add(requireActor(request), request.params.name, request.body)),
  });
  r.patch('/api/dictionaries/:name/entries/:code', {
    schema: {
      tags,
      summary: '修改字典项 Change an entry',
      params: z.object({ name: dictionaryParam, code: z.string().max(64).regex(/^[a-z0-9_]+$/, '代码无效') }),
      body: dictionaryEntryChange,
      response: { 200: dictionaryEntryView },
    },
    handler: async (request) => deps.dictionaries.update(requireActor(request), request.params.name, request.params.code, request.body),
  });
}
