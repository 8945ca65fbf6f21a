-- Counts the public pages show, kept in PostgreSQL and refreshed by the writes that change them
-- (issue 13, part 3; docs/decisions/029-page-counts.md): public activities per category (the home page),
-- per support scheme (/stotte) and per equipment lender (/utstyr).
CREATE TABLE "public_count" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_count_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
-- Keys a transaction has touched, recounted once when it commits (public_count_flush), then removed.
CREATE TABLE "public_count_dirty" (
	"tx" bigint DEFAULT txid_current() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "public_count_dirty_tx_kind_key_pk" PRIMARY KEY("tx","kind","key")
);
--> statement-breakpoint
-- How far the expiry sweep has come: listings whose expires_at passed after swept_until are not yet recounted.
CREATE TABLE "public_count_sweep" (
	"name" text PRIMARY KEY NOT NULL,
	"swept_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "activity_support_scheme_idx" ON "activity_support" USING btree ("scheme_id");--> statement-breakpoint
CREATE INDEX "activity_equipment_lender_idx" ON "activity_equipment" USING btree ("lender_id") WHERE "activity_equipment"."lender_id" is not null;
--> statement-breakpoint
-- Recounts the given (kind, key) pairs as of `at`. "Public" is the rule of isPublic() in
-- app/domain/catalogue/public.server.ts: published, and not expired at `at`.
-- The rows are made to exist and locked in one order before anything is counted, and each statement of
-- a plpgsql function reads a fresh snapshot: a transaction recounting the same key after us waits for
-- our commit and then counts what we wrote, so two concurrent writes never lose a count.
CREATE FUNCTION public_count_refresh(p_kinds text[], p_keys text[], p_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cats text[];
  schemes int[];
  lenders int[];
BEGIN
  INSERT INTO public_count (kind, key)
    SELECT DISTINCT k, v FROM unnest(p_kinds, p_keys) AS d(k, v) ORDER BY k, v
    ON CONFLICT DO NOTHING;
  PERFORM 1 FROM public_count c
    WHERE (c.kind, c.key) IN (SELECT k, v FROM unnest(p_kinds, p_keys) AS d(k, v))
    ORDER BY c.kind, c.key FOR UPDATE;
  -- One statement per kind, each only when asked for: a plan for all three would scan activity for
  -- the kinds nobody changed.
  cats := array(SELECT DISTINCT v FROM unnest(p_kinds, p_keys) AS d(k, v) WHERE k = 'category');
  schemes := array(SELECT DISTINCT v::int FROM unnest(p_kinds, p_keys) AS d(k, v) WHERE k = 'scheme');
  lenders := array(SELECT DISTINCT v::int FROM unnest(p_kinds, p_keys) AS d(k, v) WHERE k = 'lender');
  IF cardinality(cats) > 0 THEN
    UPDATE public_count c SET counted_at = p_at, n = coalesce((
      SELECT count(*) FROM activity a
      WHERE a.category = c.key AND a.status = 'published' AND (a.expires_at IS NULL OR a.expires_at > p_at)), 0)
    WHERE c.kind = 'category' AND c.key = ANY (cats);
  END IF;
  IF cardinality(schemes) > 0 THEN
    UPDATE public_count c SET counted_at = p_at, n = coalesce((
      SELECT count(DISTINCT a.id) FROM activity_support x JOIN activity a ON a.id = x.activity_id
      WHERE x.scheme_id = c.key::int AND a.status = 'published' AND (a.expires_at IS NULL OR a.expires_at > p_at)), 0)
    WHERE c.kind = 'scheme' AND c.key = ANY (schemes::text[]);
  END IF;
  IF cardinality(lenders) > 0 THEN
    UPDATE public_count c SET counted_at = p_at, n = coalesce((
      SELECT count(DISTINCT a.id) FROM activity_equipment x JOIN activity a ON a.id = x.activity_id
      WHERE x.lender_id = c.key::int AND a.status = 'published' AND (a.expires_at IS NULL OR a.expires_at > p_at)), 0)
    WHERE c.kind = 'lender' AND c.key = ANY (lenders::text[]);
  END IF;
END;
$$;
--> statement-breakpoint
-- At commit: everything this transaction marked, recounted in one go (one sorted set of locks per
-- transaction, held only until its commit, so writers never wait on each other in a cycle). Fires once
-- per marked key; the first firing takes them all and the rest find nothing.
CREATE FUNCTION public_count_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ks text[];
  vs text[];
BEGIN
  WITH taken AS (DELETE FROM public_count_dirty WHERE tx = txid_current() RETURNING kind, key)
  SELECT array_agg(kind), array_agg(key) INTO ks, vs FROM taken;
  IF ks IS NOT NULL THEN
    PERFORM public_count_refresh(ks, vs, clock_timestamp());
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER public_count_flush AFTER INSERT ON public_count_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_count_flush();
--> statement-breakpoint
-- Marks what a statement on activity changed: the category counts of rows published before or after,
-- and, when a row became or stopped being public (status or expiry changed), its schemes and lenders.
-- Edits of drafts, and of fields no count depends on, mark nothing.
CREATE FUNCTION public_count_mark_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public_count_dirty (kind, key)
      SELECT DISTINCT 'category', category FROM new_rows WHERE status = 'published'
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public_count_dirty (kind, key)
      SELECT DISTINCT 'category', category FROM old_rows WHERE status = 'published'
      ON CONFLICT DO NOTHING;
  ELSE
    WITH changed AS (
      SELECT n.id, o.category AS old_category, n.category AS new_category,
        (n.status, n.expires_at) IS DISTINCT FROM (o.status, o.expires_at) AS visibility
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.status = 'published' OR o.status = 'published')
        AND (n.status, n.expires_at, n.category) IS DISTINCT FROM (o.status, o.expires_at, o.category)
    )
    INSERT INTO public_count_dirty (kind, key)
      SELECT 'category', old_category FROM changed
      UNION SELECT 'category', new_category FROM changed
      UNION SELECT 'scheme', x.scheme_id::text FROM changed c JOIN activity_support x ON x.activity_id = c.id WHERE c.visibility
      UNION SELECT 'lender', x.lender_id::text FROM changed c JOIN activity_equipment x ON x.activity_id = c.id
        WHERE c.visibility AND x.lender_id IS NOT NULL
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- activity_support and activity_equipment: the schemes or lenders of the links added, removed or
-- changed, when their activity is published (or gone: the links of a deleted activity go by cascade).
CREATE FUNCTION public_count_mark_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'activity_support' THEN
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO public_count_dirty (kind, key)
        SELECT DISTINCT 'scheme', x.scheme_id::text FROM new_rows x
        WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = x.activity_id AND a.status <> 'published')
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO public_count_dirty (kind, key)
        SELECT DISTINCT 'scheme', x.scheme_id::text FROM old_rows x
        WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = x.activity_id AND a.status <> 'published')
        ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO public_count_dirty (kind, key)
        SELECT DISTINCT 'lender', x.lender_id::text FROM new_rows x
        WHERE x.lender_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = x.activity_id AND a.status <> 'published')
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO public_count_dirty (kind, key)
        SELECT DISTINCT 'lender', x.lender_id::text FROM old_rows x
        WHERE x.lender_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = x.activity_id AND a.status <> 'published')
        ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER public_count_activity_insert AFTER INSERT ON activity
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_activity();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_update AFTER UPDATE ON activity
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_activity();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_delete AFTER DELETE ON activity
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_activity();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_support_insert AFTER INSERT ON activity_support
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_support_update AFTER UPDATE ON activity_support
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_support_delete AFTER DELETE ON activity_support
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_equipment_insert AFTER INSERT ON activity_equipment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_equipment_update AFTER UPDATE ON activity_equipment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
CREATE TRIGGER public_count_activity_equipment_delete AFTER DELETE ON activity_equipment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_count_mark_links();
--> statement-breakpoint
-- The counts of what is there already, and the sweep starting from now.
SELECT public_count_refresh(array_agg(k), array_agg(v), now()) FROM (
  SELECT DISTINCT 'category' AS k, category AS v FROM activity
  UNION SELECT 'scheme', id::text FROM support_scheme
  UNION SELECT 'lender', id::text FROM equipment_lender
) keys;
--> statement-breakpoint
INSERT INTO public_count_sweep (name, swept_until) VALUES ('expiry', now());
