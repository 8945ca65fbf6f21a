-- drizzle-kit never writes CREATE EXTENSION; pg_trgm gives typo-tolerant search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
