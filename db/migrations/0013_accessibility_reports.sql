CREATE TABLE "accessibility_report" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"page" text NOT NULL,
	"message" text NOT NULL,
	"reply_to" text,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "accessibility_report" ADD CONSTRAINT "accessibility_report_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accessibility_report" ADD CONSTRAINT "accessibility_report_handled_by_user_id_user_id_fk" FOREIGN KEY ("handled_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accessibility_report_kommune_idx" ON "accessibility_report" USING btree ("kommune_id","created_at");