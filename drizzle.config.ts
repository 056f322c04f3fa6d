import { defineConfig } from 'drizzle-kit';
import { SCHEMA_FILES } from './src/server/db/schema-files.js';

export default defineConfig({
  dialect: 'postgresql',
  schema: SCHEMA_FILES,
  out: './migrations',
});
