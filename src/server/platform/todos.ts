import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../http/auth.js';
import type { Actor } from './actor.js';

/**
 * 待办: what waits for the actor, gathered from every module (each declares its `todos` in module.ts):
 * how many, and the page that lists them. A module counts only what the actor may act on in their scope.
 */
export interface Todo {
  /** Unique across the product, e.g. `members.applications`. */
  key: string;
  label: string;
  count: number;
  /** The web page that lists them, filtered. */
  path: string;
}

/** A module's to-dos for an actor (none when the actor has nothing to do there). */
export type TodoSource = (actor: Actor) => Promise<Todo[]>;

export const todoList = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int(), path: z.string() })),
  total: z.number().int().describe('待办总数'),
});

/** GET /api/todos: every module's, in the modules' order, those with something waiting. */
export async function todoRoutes(app: FastifyInstance, deps: { sources: readonly TodoSource[] }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/todos', {
    schema: { tags: ['系统 system'], summary: '我的待办 What waits for me', response: { 200: todoList } },
    handler: async (request) => {
      const actor = requireActor(request);
      const items = (await Promise.all(deps.sources.map((source) => source(actor)))).flat().filter((todo) => todo.count > 0);
      return { items, total: items.reduce((sum, todo) => sum + todo.count, 0) };
    },
  });
}
