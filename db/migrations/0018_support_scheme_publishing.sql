ALTER TABLE "support_scheme" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "support_scheme" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "support_scheme" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Every scheme that existed before the kommune could publish its own stays visible: published, open-ended.
UPDATE "support_scheme" SET "published_at" = now() WHERE "published_at" IS NULL;--> statement-breakpoint
ALTER TABLE "support_scheme" ADD CONSTRAINT "support_scheme_valid_period" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from");
