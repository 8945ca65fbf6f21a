CREATE TABLE "equipment_lender_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"lender_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "equipment_lender" ADD COLUMN "venue_id" integer;--> statement-breakpoint
ALTER TABLE "equipment_lender" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "equipment_lender" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "equipment_lender_item" ADD CONSTRAINT "equipment_lender_item_lender_id_equipment_lender_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."equipment_lender"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_lender_item_lender_idx" ON "equipment_lender_item" USING btree ("lender_id","position");--> statement-breakpoint
ALTER TABLE "equipment_lender" ADD CONSTRAINT "equipment_lender_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- What each lender lends, from its free text: one item per comma-separated part, in the order written.
-- The `lends` column stays and is from now on derived from these items (see db/schema/support.ts).
INSERT INTO "equipment_lender_item" ("lender_id", "name", "position")
SELECT l."id", left(btrim(p.part), 80), (row_number() OVER (PARTITION BY l."id" ORDER BY p.n))::smallint - 1
FROM "equipment_lender" l, unnest(string_to_array(l."lends", ',')) WITH ORDINALITY AS p(part, n)
WHERE btrim(p.part) <> '';--> statement-breakpoint
-- An opening closes after it opens, on an ISO weekday: what the editor checks, held by the database too.
ALTER TABLE "equipment_lender_hours" ADD CONSTRAINT "equipment_lender_hours_order" CHECK ("weekday" BETWEEN 1 AND 7 AND "closes_at" > "opens_at");
