CREATE TABLE "search_count_daily" (
	"day" date NOT NULL,
	"kommune_id" integer DEFAULT 0 NOT NULL,
	"language" text NOT NULL,
	"filter_kind" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_count_daily_pk" PRIMARY KEY("day","kommune_id","language","filter_kind")
);
--> statement-breakpoint
CREATE TABLE "search_query_daily" (
	"day" date NOT NULL,
	"kommune_id" integer DEFAULT 0 NOT NULL,
	"query" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "search_query_daily_pk" PRIMARY KEY("day","kommune_id","query")
);
--> statement-breakpoint
CREATE INDEX "search_query_daily_day_idx" ON "search_query_daily" USING btree ("day");--> statement-breakpoint
CREATE TABLE "insight_referral_cell" (
	"kommune_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"area_id" integer DEFAULT 0 NOT NULL,
	"measure" text NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_referral_cell_pk" PRIMARY KEY("kommune_id","quarter","area_id","measure","value")
);
--> statement-breakpoint
ALTER TABLE "insight_referral_cell" ADD CONSTRAINT "insight_referral_cell_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "insight_answer" (
	"kommune_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"answer" text NOT NULL,
	"note" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by_user_id" uuid,
	CONSTRAINT "insight_answer_pk" PRIMARY KEY("kommune_id","indicator")
);
--> statement-breakpoint
ALTER TABLE "insight_answer" ADD CONSTRAINT "insight_answer_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_answer" ADD CONSTRAINT "insight_answer_answered_by_user_id_user_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;
