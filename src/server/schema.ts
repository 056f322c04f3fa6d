/** Every table of the product, for drizzle-kit and the schema test (the database client itself needs none). */
export * from './platform/org-tree/schema.js';
export * from './platform/accounts/schema.js';
export * from './platform/audit/schema.js';
export * from './platform/notifications/schema.js';
export * from './platform/workflow/schema.js';
export * from './platform/calendar/schema.js';
export * from './modules/members/schema.js';
export * from './modules/members/reports/schema.js';
export * from './modules/members/import/schema.js';
