-- The planner takes pg_trgm's operators for as cheap as "=" (COST 1), so for a narrow table such as
-- activity_search_text it prefers testing `<%` on every row (about 20 µs each: 400 ms at national scale)
-- to its trigram index (15 ms). Their real cost is closer to a hundred simple operators. Changing it
-- needs the functions' owner (a superuser where pg_trgm is a trusted extension): where the migrating role
-- may not, search stays correct and only slower, so lacking the right is no reason to stop migrating.
DO $$
BEGIN
  ALTER FUNCTION similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm operator costs left as they were: %', SQLERRM;
END
$$;
