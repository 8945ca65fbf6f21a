CREATE TABLE "settlement_year_close" (
	"kommune_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "privacy_controller" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "privacy_officer_name" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "privacy_officer_email" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "privacy_officer_phone" text;--> statement-breakpoint
ALTER TABLE "settlement" ADD COLUMN "grant_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_grant" ADD COLUMN "granted_on" date;--> statement-breakpoint
UPDATE "support_grant" SET "granted_on" = ("granted_at" AT TIME ZONE 'Europe/Oslo')::date;--> statement-breakpoint
ALTER TABLE "support_grant" ALTER COLUMN "granted_on" SET NOT NULL;--> statement-breakpoint
UPDATE "settlement" s SET "grant_count" = (SELECT count(*) FROM "support_grant" g WHERE g."organisation_id" = s."organisation_id" AND g."period" = s."period");--> statement-breakpoint
UPDATE "settlement" SET "released_at" = now() WHERE "grant_count" >= 5;--> statement-breakpoint
ALTER TABLE "settlement_year_close" ADD CONSTRAINT "settlement_year_close_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_year_close" ADD CONSTRAINT "settlement_year_close_closed_by_user_id_user_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_year_close_idx" ON "settlement_year_close" USING btree ("kommune_id","year");--> statement-breakpoint
UPDATE "assignment" a SET "ended_at" = now() WHERE a."ended_at" IS NULL AND EXISTS (SELECT 1 FROM "assignment" b WHERE b."referral_id" = a."referral_id" AND b."ended_at" IS NULL AND b."id" > a."id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_active_idx" ON "assignment" USING btree ("referral_id") WHERE ended_at is null;