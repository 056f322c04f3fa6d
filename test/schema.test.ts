/// <reference types="vite/client" />
/**
 * The tenancy rule of DESIGN §2, checked on the declared schema (drizzle), on
 * a live migrated database (so a hand-edited migration is caught too), and
 * migrations checked to be up to date with the schema.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is, sql } from 'drizzle-orm';
import { bigint, foreignKey, getTableConfig, integer, PgTable, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, queryRows } from '../src/server/db/client.js';
import { MIGRATIONS_FOLDER } from '../src/server/db/migrate.js';
import type { TableKind } from '../src/server/db/table-kinds.js';
import { SCHEMA_FILES } from '../src/server/db/schema-files.js';
import { TABLE_KINDS } from '../src/server/modules/index.js';
import { openTestDatabase } from './support/app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_GLOBS = SCHEMA_FILES.map((glob) => join(ROOT, glob));

/** One table as the rule sees it, whether read from drizzle or from the catalog. */
interface TableModel {
  name: string;
  columns: Map<string, { type: string; notNull: boolean }>;
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[] }[];
}

function fromDrizzle(table: PgTable): TableModel {
  const config = getTableConfig(table);
  const composite = config.primaryKeys.map((pk) => pk.columns.map((c) => c.name));
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  return {
    name: config.name,
    columns: new Map(config.columns.map((c) => [c.name, { type: c.getSQLType(), notNull: c.notNull }])),
    primaryKey: composite[0] ?? single,
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return { columns: ref.columns.map((c) => c.name), table: getTableConfig(ref.foreignTable).name, foreignColumns: ref.foreignColumns.map((c) => c.name) };
    }),
  };
}

/** Every user table of the public schema (not those an extension owns), from pg_catalog. */
async function fromDatabase(db: Db): Promise<TableModel[]> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
        order by 1`,
  );
  const columns = await queryRows<{ table: string; column: string; type: string; not_null: boolean }>(
    db,
    sql`select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped`,
  );
  const keyColumns = (keys: string, rel: string) =>
    sql.raw(`(select coalesce(json_agg(a.attname::text order by k.ord), '[]'::json)
              from unnest(con.${keys}) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.${rel} and a.attnum = k.attnum)`);
  const constraints = await queryRows<{ table: string; type: 'p' | 'f'; columns: string[]; foreign_table: string | null; foreign_columns: string[] | null }>(
    db,
    sql`select c.relname as table, con.contype as type, ${keyColumns('conkey', 'conrelid')} as columns,
               f.relname as foreign_table, case when con.contype = 'f' then ${keyColumns('confkey', 'confrelid')} end as foreign_columns
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        left join pg_class f on f.oid = con.confrelid
        where n.nspname = 'public' and con.contype in ('p', 'f')`,
  );
  return tables.map(({ name }) => ({
    name,
    columns: new Map(columns.filter((c) => c.table === name).map((c) => [c.column, { type: c.type, notNull: c.not_null }])),
    primaryKey: constraints.find((c) => c.table === name && c.type === 'p')?.columns ?? [],
    foreignKeys: constraints
      .filter((c) => c.table === name && c.type === 'f')
      .map((c) => ({ columns: c.columns, table: c.foreign_table!, foreignColumns: c.foreign_columns! })),
  }));
}

/** The rule. Returns one readable line per violation; empty when the schema keeps it. */
function tenancyViolations(tables: TableModel[], kinds: Record<string, TableKind>): string[] {
  const problems: string[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const name of Object.keys(kinds)) {
    if (!byName.has(name)) problems.push(`${name}: listed in TABLE_KINDS but no such table`);
  }
  for (const table of tables) {
    const kind = kinds[table.name];
    const pk = table.primaryKey.join(', ');
    if (!kind) {
      problems.push(`${table.name}: not declared in TABLE_KINDS`);
      continue;
    }
    if (kind.kind === 'tenant') {
      const tenantId = table.columns.get('tenant_id');
      if (!tenantId || tenantId.type !== 'bigint' || !tenantId.notNull) {
        problems.push(`${table.name}: tenant table needs tenant_id bigint not null (has ${tenantId ? `${tenantId.type}${tenantId.notNull ? ' not null' : ' null'}` : 'none'})`);
      }
      if (pk !== 'tenant_id, id') problems.push(`${table.name}: tenant table needs primary key (tenant_id, id), has (${pk})`);
      for (const fk of table.foreignKeys) {
        if (kinds[fk.table]?.kind !== 'tenant') continue;
        const i = fk.columns.indexOf('tenant_id');
        if (i < 0 || fk.foreignColumns[i] !== 'tenant_id') {
          problems.push(`${table.name}: foreign key (${fk.columns.join(', ')}) → ${fk.table} (${fk.foreignColumns.join(', ')}) must include tenant_id`);
        }
      }
    } else if (kind.kind === 'keyed') {
      if (table.primaryKey[0] !== kind.key) problems.push(`${table.name}: keyed table's primary key must start with ${kind.key}, has (${pk})`);
    } else if (table.primaryKey.length > 1 && table.primaryKey[0] === 'tenant_id') {
      problems.push(`${table.name}: reference table has a tenant primary key (${pk})`);
    }
  }
  return problems;
}

/** Every table exported by a schema file drizzle-kit reads (the same globs, db/schema-files.ts). */
const schemaModules = import.meta.glob<Record<string, unknown>>(['../src/server/platform/**/schema.ts', '../src/server/modules/**/schema.ts'], { eager: true });
const declaredTables = () => [...new Set(Object.values(schemaModules).flatMap((m) => Object.values(m)))].filter((x): x is PgTable => is(x, PgTable));

describe('the tenancy rule checker', () => {
  // Fakes that break each part of the rule: the checker must name every one.
  const cases = pgTable('cases', { id: bigint('id', { mode: 'number' }).primaryKey(), title: text('title') });
  const nullableTenant = pgTable('nullable_tenant', { tenantId: bigint('tenant_id', { mode: 'number' }), id: bigint('id', { mode: 'number' }).notNull() }, (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
  ]);
  const intTenant = pgTable('int_tenant', { tenantId: integer('tenant_id').notNull(), id: bigint('id', { mode: 'number' }).notNull() }, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);
  const swapped = pgTable('swapped', { tenantId: bigint('tenant_id', { mode: 'number' }).notNull(), id: bigint('id', { mode: 'number' }).notNull() }, (t) => [primaryKey({ columns: [t.id, t.tenantId] })]);
  const goodCases = pgTable('good_cases', { tenantId: bigint('tenant_id', { mode: 'number' }).notNull(), id: bigint('id', { mode: 'number' }).notNull() }, (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
  ]);
  const badNotes = pgTable(
    'bad_notes',
    { tenantId: bigint('tenant_id', { mode: 'number' }).notNull(), id: bigint('id', { mode: 'number' }).notNull(), caseId: bigint('case_id', { mode: 'number' }).notNull() },
    (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.caseId], foreignColumns: [goodCases.id] })],
  );
  const goodNotes = pgTable(
    'good_notes',
    { tenantId: bigint('tenant_id', { mode: 'number' }).notNull(), id: bigint('id', { mode: 'number' }).notNull(), caseId: bigint('case_id', { mode: 'number' }).notNull() },
    (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [goodCases.tenantId, goodCases.id] })],
  );
  const persons = pgTable('persons', { idHash: varchar('id_hash', { length: 64 }), id: bigint('id', { mode: 'number' }) }, (t) => [primaryKey({ columns: [t.id, t.idHash] })]);
  const lookups = pgTable('lookups', { tenantId: bigint('tenant_id', { mode: 'number' }).notNull(), id: bigint('id', { mode: 'number' }).notNull() }, (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
  ]);
  const undeclared = pgTable('undeclared', { id: bigint('id', { mode: 'number' }).primaryKey() });

  it('accepts tables that keep the rule', () => {
    expect(tenancyViolations([goodCases, goodNotes].map(fromDrizzle), { good_cases: { kind: 'tenant' }, good_notes: { kind: 'tenant' } })).toEqual([]);
  });

  it('reports every kind of violation', () => {
    const problems = tenancyViolations([cases, nullableTenant, intTenant, swapped, goodCases, badNotes, persons, lookups, undeclared].map(fromDrizzle), {
      cases: { kind: 'tenant' },
      nullable_tenant: { kind: 'tenant' },
      int_tenant: { kind: 'tenant' },
      swapped: { kind: 'tenant' },
      good_cases: { kind: 'tenant' },
      bad_notes: { kind: 'tenant' },
      persons: { kind: 'keyed', key: 'id_hash' },
      lookups: { kind: 'reference' },
      ghosts: { kind: 'reference' },
    });
    expect(problems.sort()).toEqual(
      [
        'ghosts: listed in TABLE_KINDS but no such table',
        'cases: tenant table needs tenant_id bigint not null (has none)',
        'cases: tenant table needs primary key (tenant_id, id), has (id)',
        'nullable_tenant: tenant table needs tenant_id bigint not null (has bigint null)',
        'int_tenant: tenant table needs tenant_id bigint not null (has integer not null)',
        'swapped: tenant table needs primary key (tenant_id, id), has (id, tenant_id)',
        'bad_notes: foreign key (case_id) → good_cases (id) must include tenant_id',
        "persons: keyed table's primary key must start with id_hash, has (id, id_hash)",
        'lookups: reference table has a tenant primary key (tenant_id, id)',
        'undeclared: not declared in TABLE_KINDS',
      ].sort(),
    );
  });
});

describe('the schema keeps the tenancy rule', () => {
  it('declares every exported table, with the rule kept', () => {
    const tables = declaredTables();
    expect(tables.length).toBeGreaterThanOrEqual(10);
    // Every exported table is found, so a new module's tables cannot slip past.
    expect(tables.map((t) => getTableConfig(t).name).sort()).toEqual(Object.keys(TABLE_KINDS).sort());
    expect(tenancyViolations(tables.map(fromDrizzle), TABLE_KINDS)).toEqual([]);
  });

  describe('on a live migrated database', () => {
    let database: Database;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(() => database?.close());

    it('has exactly the declared tables, and they keep the rule', async () => {
      const tables = await fromDatabase(database.db);
      expect(tables.map((t) => t.name).sort()).toEqual(Object.keys(TABLE_KINDS).sort());
      expect(tenancyViolations(tables, TABLE_KINDS)).toEqual([]);
      // The catalog reader does see keys and foreign keys (or the checks above would be vacuous).
      const timeline = tables.find((t) => t.name === 'workflow_timeline')!;
      expect(timeline.primaryKey).toEqual(['tenant_id', 'id']);
      expect(timeline.columns.get('tenant_id')).toEqual({ type: 'bigint', notNull: true });
      expect(tables.find((t) => t.name === 'role_grants')!.foreignKeys).toEqual(
        expect.arrayContaining([{ columns: ['user_id'], table: 'users', foreignColumns: ['id'] }]),
      );
    });

    it('catches a hand-edited migration that breaks the rule', async () => {
      const rollback = new Error('rollback');
      let problems: string[] = [];
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`alter table workflow_timeline drop constraint workflow_timeline_tenant_id_id_pk`);
          await tx.execute(sql`alter table workflow_timeline add primary key (id)`);
          await tx.execute(sql`alter table audit_log alter column tenant_id type integer`);
          await tx.execute(sql`create table zz_probe_cases (tenant_id bigint not null, id bigint not null, primary key (tenant_id, id))`);
          await tx.execute(sql`create table zz_probe_notes (tenant_id bigint not null, id bigint not null, case_id bigint not null,
                                 primary key (tenant_id, id), foreign key (tenant_id, case_id) references zz_probe_cases (tenant_id, id))`);
          await tx.execute(sql`create table zz_probe_files (tenant_id bigint not null, id bigint not null, case_id bigint not null,
                                 primary key (tenant_id, id))`);
          await tx.execute(sql`create unique index zz_probe_cases_id_key on zz_probe_cases (id)`);
          await tx.execute(sql`alter table zz_probe_files add foreign key (case_id) references zz_probe_cases (id)`);
          problems = tenancyViolations(await fromDatabase(tx), {
            ...TABLE_KINDS,
            zz_probe_cases: { kind: 'tenant' },
            zz_probe_notes: { kind: 'tenant' },
            zz_probe_files: { kind: 'tenant' },
          });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(problems.sort()).toEqual(
        [
          'audit_log: tenant table needs tenant_id bigint not null (has integer not null)',
          'zz_probe_files: foreign key (case_id) → zz_probe_cases (id) must include tenant_id',
          'workflow_timeline: tenant table needs primary key (tenant_id, id), has (id)',
        ].sort(),
      );
      // Rolled back: the real database keeps the rule again.
      expect(tenancyViolations(await fromDatabase(database.db), TABLE_KINDS)).toEqual([]);
    });
  });
});

describe('migrations are up to date with the schema', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lianxin-migrations-'));
    // drizzle-kit resolves drizzle-orm from the schema files, and the drift probe below from here.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** drizzle-kit generate into a copy of migrations/; returns its output and the SQL files it added. */
  function generate(name: string, schemaFiles: string[]) {
    const out = join(dir, name);
    cpSync(MIGRATIONS_FOLDER, out, { recursive: true });
    const before = new Set(readdirSync(out));
    // drizzle-kit prefixes `out` with './', so it is given relative to the working directory.
    writeFileSync(join(dir, `${name}.config.json`), JSON.stringify({ dialect: 'postgresql', schema: schemaFiles, out: `./${name}` }));
    const result = spawnSync(join(ROOT, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', `${name}.config.json`, '--name=check'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    const added = readdirSync(out).filter((f) => !before.has(f));
    return { status: result.status, output, added: added.map((f) => ({ file: f, sql: readFileSync(join(out, f), 'utf8') })) };
  }

  it('drizzle-kit generate finds no schema changes', () => {
    const result = generate('current', SCHEMA_GLOBS);
    expect(result.output).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.added).toEqual([]);
    // drizzle-kit exits 0 even when it fails, so the success message is required too.
    expect(result.output).toContain('No schema changes');
  });

  it('the same check fails when the schema has drifted from the migrations', () => {
    const probe = join(dir, 'drift.ts');
    writeFileSync(probe, `import { bigint, pgTable } from 'drizzle-orm/pg-core';\nexport const driftProbe = pgTable('drift_probe', { id: bigint('id', { mode: 'number' }).primaryKey() });\n`);
    const result = generate('drifted', [...SCHEMA_GLOBS, probe]);
    expect(result.output).not.toContain('No schema changes');
    expect(result.added.map((a) => a.file)).toEqual([expect.stringMatching(/^\d{4}_check\.sql$/)]);
    expect(result.added[0].sql).toContain('CREATE TABLE "drift_probe"');
  });
});
