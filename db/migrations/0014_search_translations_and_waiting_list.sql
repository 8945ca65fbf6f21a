CREATE TABLE "activity_search_text" (
	"activity_id" integer NOT NULL,
	"language" text NOT NULL,
	"title_folded" text DEFAULT '' NOT NULL,
	"body_folded" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', title_folded), 'A') || setweight(to_tsvector('simple', body_folded), 'C')) STORED,
	CONSTRAINT "activity_search_text_activity_id_language_pk" PRIMARY KEY("activity_id","language")
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "waiting_list" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_search_text" ADD CONSTRAINT "activity_search_text_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_search_text_search_idx" ON "activity_search_text" USING gin ("search");--> statement-breakpoint
CREATE INDEX "activity_search_text_trgm_idx" ON "activity_search_text" USING gin ("title_folded" gin_trgm_ops);