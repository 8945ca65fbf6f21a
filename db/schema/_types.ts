import { customType } from 'drizzle-orm/pg-core';

/** A tsvector column; drizzle has no built-in type for it. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
