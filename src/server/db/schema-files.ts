/**
 * Where tables are declared: every `schema.ts` of the platform and of the
 * modules, so a module's tables reach drizzle-kit and the schema test without
 * a list to edit. Relative to the project's root.
 */
export const SCHEMA_FILES = ['./src/server/platform/**/schema.ts', './src/server/modules/**/schema.ts'];
