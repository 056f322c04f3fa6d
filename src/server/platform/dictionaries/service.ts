import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { conflict, notFound, validationError } from '../errors.js';
import { requireAt, requirePaths } from '../scope.js';
import { declaredDictionaries, type DictionaryDefinition, dictionaryDefinition } from './registry.js';
import { dictionaryEntries } from './schema.js';

type RootOrg = () => Promise<{ tenantId: number; path: string }>;

export interface DictionaryEntry {
  code: string;
  label: string;
  sortOrder: number;
  enabled: boolean;
  /** Shipped with the product (its code cannot go), or added by an administrator. */
  builtIn: boolean;
  version: number;
}

/** Default places leave room between entries, so a changed order rarely touches more than one row. */
const STEP = 10;

/**
 * 字典. Modules read a dictionary's entries (labels and order) through the kit; administrators list
 * them everywhere and change them at the root only, since one dictionary serves the whole instance.
 */
export function createDictionaryService(deps: { db: Db; rootOrg: RootOrg }) {
  const { db, rootOrg } = deps;

  function definitionOf(name: string) {
    const definition = dictionaryDefinition(name);
    if (!definition) throw notFound('字典', 'dictionary');
    return definition;
  }

  /** The declared entries overlaid with the stored changes, plus the added ones, in order. */
  async function entries(definition: DictionaryDefinition, tx: Db = db): Promise<DictionaryEntry[]> {
    const rows = new Map((await tx.select().from(dictionaryEntries).where(eq(dictionaryEntries.dictionary, definition.name))).map((r) => [r.code, r]));
    const shipped = definition.entries.map((e, i): DictionaryEntry => {
      const row = rows.get(e.code);
      rows.delete(e.code);
      return row
        ? { code: e.code, label: row.label, sortOrder: row.sortOrder, enabled: row.enabled, builtIn: true, version: row.version }
        : { code: e.code, label: e.label, sortOrder: (i + 1) * STEP, enabled: true, builtIn: true, version: 0 };
    });
    // A stored code no longer declared by a fixed dictionary is left over from an older release: not offered.
    const added = definition.fixedCodes ? [] : [...rows.values()].map((r): DictionaryEntry => ({ code: r.code, label: r.label, sortOrder: r.sortOrder, enabled: r.enabled, builtIn: false, version: r.version }));
    return [...shipped, ...added].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  }

  async function audit(tx: Db, actor: Actor, definition: DictionaryDefinition, code: string, summary: string, before: unknown, after: unknown) {
    const root = await rootOrg();
    await recordAudit(tx, actor, { action: 'dictionary.update', entityType: 'dictionary_entry', entityId: `${definition.name}:${code}`, tenantId: root.tenantId, orgPath: root.path, summary, before, after });
  }

  async function requireRoot(actor: Actor) {
    requireAt(actor, 'dictionaries.manage', (await rootOrg()).path);
  }

  return {
    /** A dictionary's entries as a module reads them: every entry (old records keep their label), in order. */
    async read(name: string, tx: Db = db) {
      return entries(definitionOf(name), tx);
    },

    /** Labels by code, for a module's lists and exports. */
    async labels(name: string, tx: Db = db) {
      return new Map((await entries(definitionOf(name), tx)).map((e) => [e.code, e.label]));
    },

    async list(actor: Actor) {
      const paths = requirePaths(actor, 'dictionaries.manage');
      const editable = paths.includes((await rootOrg()).path);
      return Promise.all(
        declaredDictionaries().map(async (d) => ({ name: d.name, label: d.label, description: d.description, fixedCodes: d.fixedCodes, editable, entries: await entries(d) })),
      );
    },

    /** Change an entry's label, place or whether it is offered; `version` as read (0: never changed). */
    async update(actor: Actor, name: string, code: string, input: { label?: string; sortOrder?: number; enabled?: boolean; version: number }) {
      const definition = definitionOf(name);
      await requireRoot(actor);
      await db.transaction(async (tx) => {
        const current = (await entries(definition, tx)).find((e) => e.code === code);
        if (!current) throw notFound('字典项', 'dictionary entry');
        if (current.version !== input.version) throw conflict('字典项已被他人修改，请刷新后再试', 'The entry changed meanwhile; reload and try again');
        const next = { label: input.label ?? current.label, sortOrder: input.sortOrder ?? current.sortOrder, enabled: input.enabled ?? current.enabled };
        if (current.version === 0) {
          // First change of a shipped entry: a concurrent first change meets the primary key (409).
          await tx.insert(dictionaryEntries).values({ dictionary: name, code, ...next, updatedBy: actor.userId });
        } else {
          const changed = await tx
            .update(dictionaryEntries)
            .set({ ...next, version: sql`${dictionaryEntries.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId })
            .where(and(eq(dictionaryEntries.dictionary, name), eq(dictionaryEntries.code, code), eq(dictionaryEntries.version, input.version)))
            .returning({ code: dictionaryEntries.code });
          if (changed.length === 0) throw conflict('字典项已被他人修改，请刷新后再试', 'The entry changed meanwhile; reload and try again');
        }
        const before = { label: current.label, sortOrder: current.sortOrder, enabled: current.enabled };
        await audit(tx, actor, definition, code, `修改字典「${definition.label}」的「${current.label}」`, before, next);
      });
      return (await entries(definition)).find((e) => e.code === code)!;
    },

    /** Add an entry to an open dictionary, last unless a place is given. */
    async add(actor: Actor, name: string, input: { code: string; label: string; sortOrder?: number }) {
      const definition = definitionOf(name);
      await requireRoot(actor);
      if (definition.fixedCodes) throw validationError([{ field: 'code', reason: `「${definition.label}」的代码由系统规定，只能修改名称、顺序和是否启用` }]);
      await db.transaction(async (tx) => {
        const existing = await entries(definition, tx);
        if (existing.some((e) => e.code === input.code)) throw validationError([{ field: 'code', reason: '该代码已存在' }]);
        const sortOrder = input.sortOrder ?? Math.max(0, ...existing.map((e) => e.sortOrder)) + STEP;
        await tx.insert(dictionaryEntries).values({ dictionary: name, code: input.code, label: input.label, sortOrder, enabled: true, updatedBy: actor.userId });
        await audit(tx, actor, definition, input.code, `在字典「${definition.label}」中新增「${input.label}」`, null, { label: input.label, sortOrder });
      });
      return (await entries(definition)).find((e) => e.code === input.code)!;
    },
  };
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;
