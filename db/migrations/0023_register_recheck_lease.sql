ALTER TABLE "register_feed_cursor" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "register_feed_cursor" ADD COLUMN "leased_until" timestamp with time zone;