ALTER TABLE "activity_session" ALTER COLUMN "start_time" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_session" ALTER COLUMN "end_time" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_session" ADD COLUMN "cancelled" boolean DEFAULT false NOT NULL;