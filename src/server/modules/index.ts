import { getTableConfig } from 'drizzle-orm/pg-core';
import { PLATFORM_TABLE_KINDS, type TableKind } from '../db/table-kinds.js';
import { directLineModule } from './direct-line/module.js';
import { dutyRecordsModule } from './duty-records/module.js';
import { enterprisesModule } from './enterprises/module.js';
import { discussionsModule } from './discussions/module.js';
import { duesModule } from './dues/module.js';
import { evaluationsModule } from './evaluations/module.js';
import { mediationModule } from './mediation/module.js';
import { membersModule } from './members/module.js';
import { noticesModule } from './notices/module.js';
import { proposalsModule } from './proposals/module.js';

/**
 * The product's modules, in the order their services are built: a module may
 * use the services of those before it. Adding a module is one line here
 * (docs/architecture.md, "Adding a module").
 */
export const MODULES = [membersModule, enterprisesModule, proposalsModule, discussionsModule, directLineModule, evaluationsModule, dutyRecordsModule, mediationModule, noticesModule, duesModule] as const;

/** Every table's distribution (db/table-kinds.ts): the platform's and each module's. */
export const TABLE_KINDS: Record<string, TableKind> = {
  ...PLATFORM_TABLE_KINDS,
  ...Object.fromEntries(MODULES.flatMap((m) => m.tables.map(({ table, kind }) => [getTableConfig(table).name, kind]))),
};
