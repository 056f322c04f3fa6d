import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { conflict, notFound, validationError } from '../errors.js';
import { requireAt, requirePaths } from '../scope.js';
import { declaredSettings, settingDefinition, type SettingDefinition } from './registry.js';
import { settings } from './schema.js';

type RootOrg = () => Promise<{ tenantId: number; path: string }>;

/**
 * 参数设置. Reading a setting is for every service (a module reads its own through the kit); listing
 * and changing them is for administrators, changing only at the root: the values hold for the whole
 * instance, so an administrator of one county may look but not change them for all.
 */
export function createSettingService(deps: { db: Db; rootOrg: RootOrg }) {
  const { db, rootOrg } = deps;

  /** The stored value when it still passes the schema (a schema may tighten in a release), else the default. */
  const storedOf = <T>(definition: SettingDefinition<T>, row: { value: unknown } | undefined): T | undefined => {
    const parsed = row && definition.schema.safeParse(row.value);
    return parsed?.success ? parsed.data : undefined;
  };
  const valueOf = <T>(definition: SettingDefinition<T>, row: { value: unknown } | undefined): T => storedOf(definition, row) ?? definition.defaultValue();

  async function list(actor: Actor) {
    const paths = requirePaths(actor, 'settings.manage');
    const rows = new Map((await db.select().from(settings)).map((r) => [r.key, r]));
    const editable = paths.includes((await rootOrg()).path);
    return declaredSettings().map((d) => {
      const row = rows.get(d.key);
      return {
        key: d.key,
        label: d.label,
        description: d.description,
        value: valueOf(d, row),
        defaultValue: d.defaultValue(),
        isDefault: !row,
        version: row?.version ?? 0,
        updatedAt: row?.updatedAt ?? null,
        editable,
        input: z.toJSONSchema(d.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      };
    });
  }

  const rowOf = async (definition: SettingDefinition<unknown>, tx: Db) =>
    (await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, definition.key)))[0];

  return {
    list,

    async get<T>(definition: SettingDefinition<T>, tx: Db = db): Promise<T> {
      return valueOf(definition, await rowOf(definition, tx));
    },

    /** The value an administrator set, or undefined while the default holds (for a default that depends on the request). */
    async stored<T>(definition: SettingDefinition<T>, tx: Db = db): Promise<T | undefined> {
      return storedOf(definition, await rowOf(definition, tx));
    },

    /** Set a value (`version` as read: 0 while the default holds), or go back to the default with `reset`. */
    async update(actor: Actor, key: string, input: { value?: unknown; reset?: boolean; version: number }) {
      const definition = settingDefinition(key);
      if (!definition) throw notFound('参数', 'setting');
      const root = await rootOrg();
      requireAt(actor, 'settings.manage', root.path);
      let value: unknown = null;
      if (!input.reset) {
        const parsed = definition.schema.safeParse(input.value);
        if (!parsed.success) throw validationError(parsed.error.issues.map((issue) => ({ field: ['value', ...issue.path].join('.'), reason: issue.message })));
        value = parsed.data;
      }
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(settings).where(eq(settings.key, key)).for('update');
        if ((before?.version ?? 0) !== input.version) throw conflict('参数已被他人修改，请刷新后再试', 'The setting changed meanwhile; reload and try again');
        if (input.reset) await tx.delete(settings).where(eq(settings.key, key));
        else if (before) await tx.update(settings).set({ value, version: sql`${settings.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId }).where(eq(settings.key, key));
        else {
          // Two first writers: the second meets the primary key and gets a 409, like a stale version.
          await tx.insert(settings).values({ key, value, updatedBy: actor.userId });
        }
        await recordAudit(tx, actor, {
          action: 'setting.update',
          entityType: 'setting',
          entityId: key,
          tenantId: root.tenantId,
          orgPath: root.path,
          summary: input.reset ? `恢复参数「${definition.label}」为默认值` : `修改参数「${definition.label}」`,
          before: { value: valueOf(definition, before) },
          after: { value: input.reset ? definition.defaultValue() : value },
        });
      });
      return (await list(actor)).find((s) => s.key === key)!;
    },
  };
}

export type SettingService = ReturnType<typeof createSettingService>;
