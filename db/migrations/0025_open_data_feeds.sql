CREATE TABLE "open_data_item" (
	"feed" text NOT NULL,
	"id" text NOT NULL,
	"activity_id" integer NOT NULL,
	"modified" bigint NOT NULL,
	"state" text NOT NULL,
	"data" jsonb,
	"hash" text,
	"ends_at" timestamp with time zone,
	CONSTRAINT "open_data_item_feed_id_pk" PRIMARY KEY("feed","id")
);
--> statement-breakpoint
CREATE TABLE "open_data_refresh" (
	"name" text PRIMARY KEY NOT NULL,
	"changed_since" timestamp with time zone,
	"sweep_after_id" integer DEFAULT 0 NOT NULL,
	"leased_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "open_data_item_page_idx" ON "open_data_item" USING btree ("feed","modified","id" collate "C");--> statement-breakpoint
CREATE INDEX "open_data_item_activity_idx" ON "open_data_item" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "open_data_item_ends_idx" ON "open_data_item" USING btree ("ends_at") WHERE "open_data_item"."state" = 'updated';
--> statement-breakpoint
CREATE INDEX "activity_venue_idx" ON "activity" USING btree ("venue_id");
