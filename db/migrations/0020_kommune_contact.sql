ALTER TABLE "kommune" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "kommune" ADD COLUMN "contact_url" text;