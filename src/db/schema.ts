/**
 * The database schema, for the repositories and drizzle-kit (drizzle.config.ts points here): the tables live in
 * three files by what they hold, and this one gathers them.
 */
export * from './schema-items';
export * from './schema-outbox';
export * from './schema-documents';
