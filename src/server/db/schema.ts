/** Every table of the product, for drizzle-kit and the typed client. */
export * from '../modules/orgs/schema.js';
export * from '../platform/accounts/schema.js';
export * from '../platform/audit/schema.js';
export * from '../platform/notifications/schema.js';
export * from '../platform/workflow/schema.js';
export * from '../platform/calendar/schema.js';
export * from '../modules/members/schema.js';
export * from '../modules/members/reports/schema.js';
export * from '../modules/members/import/schema.js';
