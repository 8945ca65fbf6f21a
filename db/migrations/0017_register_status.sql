CREATE TABLE "register_feed_cursor" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_update_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "register_status" text DEFAULT 'unchecked' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "register_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "register_name" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "register_address" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "voluntary_registered" boolean;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "register_flagged_at" timestamp with time zone;--> statement-breakpoint
INSERT INTO "register_feed_cursor" ("id") VALUES (1) ON CONFLICT DO NOTHING;
