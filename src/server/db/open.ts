import type { Config } from '../config.js';
import { type Database, openPglite, openPostgres } from './client.js';
import { migrateDatabase } from './migrate.js';

/** Open the configured database (server if DATABASE_URL, else embedded) and bring its schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
