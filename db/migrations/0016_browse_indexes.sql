DROP INDEX "activity_cost_idx";--> statement-breakpoint
DROP INDEX "activity_confirmed_idx";--> statement-breakpoint
CREATE INDEX "activity_cost_idx" ON "activity" USING btree ("total_cost_per_year_ore","id") WHERE "activity"."status" = 'published';--> statement-breakpoint
CREATE INDEX "activity_confirmed_idx" ON "activity" USING btree ("last_confirmed_at" DESC NULLS LAST,"id") WHERE "activity"."status" = 'published';