import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { notFound } from '../errors.js';
import { describeStates, STATE_TONES, type WorkflowStates } from './engine.js';

/** A workflow's states as pages show and filter them; the web types what it receives from this (`z.input`). */
export const workflowStates = z.object({
  id: z.string(),
  label: z.string(),
  states: z.array(
    z.object({
      state: z.string(),
      label: z.string(),
      tone: z.enum(STATE_TONES),
      terminal: z.boolean(),
      open: z.boolean().describe('计为在办、有效'),
      needsAttention: z.boolean().describe('有待办理'),
      flags: z.array(z.string()),
    }),
  ),
});

/** The states of every module's workflows (modules declare them), so no page spells a state's label or colour. */
export async function workflowRoutes(app: FastifyInstance, deps: { workflows: readonly WorkflowStates[] }) {
  const byId = new Map(deps.workflows.map((w) => [w.id, { id: w.id, label: w.label, states: describeStates(w) }]));
  app.withTypeProvider<ZodTypeProvider>().get('/api/workflows/:workflow', {
    schema: {
      tags: ['系统 system'],
      summary: '流程的状态（名称、显示方式、标志） States of a workflow',
      // Named `workflow`, not `id`: it names a kind of record, not a record of an org.
      params: z.object({ workflow: z.string().max(50) }),
      response: { 200: workflowStates },
    },
    handler: async (request) => {
      requireActor(request);
      const workflow = byId.get(request.params.workflow);
      if (!workflow) throw notFound('流程', 'workflow');
      return workflow;
    },
  });
}
