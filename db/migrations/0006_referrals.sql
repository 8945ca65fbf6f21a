CREATE TABLE "assignment" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"guide_user_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"given_by" text NOT NULL,
	"method" text NOT NULL,
	"scope" text[] NOT NULL,
	"text_version" text NOT NULL,
	"language" text NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"recorded_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "follow_up" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"outcome" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "guide" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"volunteer" boolean DEFAULT false NOT NULL,
	"gender" text,
	"languages" text[] NOT NULL,
	"area_ids" integer[] NOT NULL,
	"interests" text[] NOT NULL,
	"capacity" smallint DEFAULT 5 NOT NULL,
	"politiattest_verified_at" timestamp with time zone,
	"confidentiality_signed_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"signup_request_id" integer,
	"activity_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"referrer_user_id" uuid,
	"child_first_name" text,
	"birth_year" smallint,
	"area_id" integer,
	"home_languages" text[] DEFAULT '{}' NOT NULL,
	"interests" text[] DEFAULT '{}' NOT NULL,
	"needs" text,
	"help_level" text DEFAULT 'some' NOT NULL,
	"guardian_name" text,
	"guardian_phone" text,
	"guardian_email" text,
	"guardian_language" text DEFAULT 'nb' NOT NULL,
	"wishes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"status" text DEFAULT 'awaiting_consent' NOT NULL,
	"outcome" text,
	"guardian_token_hash" text,
	"guardian_token_expires_at" timestamp with time zone,
	"consent_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"purge_after" timestamp with time zone,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_statistic" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"area_id" integer DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"period" text NOT NULL,
	"total_ore" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_grant" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer,
	"scheme_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"activity_id" integer,
	"kind" text NOT NULL,
	"amount_ore" integer NOT NULL,
	"period" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_guide_user_id_user_id_fk" FOREIGN KEY ("guide_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_recorded_by_user_id_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide" ADD CONSTRAINT "guide_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide" ADD CONSTRAINT "guide_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_signup_request_id_signup_request_id_fk" FOREIGN KEY ("signup_request_id") REFERENCES "public"."signup_request"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_referrer_user_id_user_id_fk" FOREIGN KEY ("referrer_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_statistic" ADD CONSTRAINT "referral_statistic_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement" ADD CONSTRAINT "settlement_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grant" ADD CONSTRAINT "support_grant_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grant" ADD CONSTRAINT "support_grant_scheme_id_support_scheme_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."support_scheme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grant" ADD CONSTRAINT "support_grant_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grant" ADD CONSTRAINT "support_grant_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_referral_idx" ON "assignment" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "assignment_guide_idx" ON "assignment" USING btree ("guide_user_id");--> statement-breakpoint
CREATE INDEX "consent_referral_idx" ON "consent" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "follow_up_referral_idx" ON "follow_up" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_kommune_status_idx" ON "referral" USING btree ("kommune_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_guardian_token_idx" ON "referral" USING btree ("guardian_token_hash");--> statement-breakpoint
CREATE INDEX "referral_purge_idx" ON "referral" USING btree ("purge_after");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_statistic_cell_idx" ON "referral_statistic" USING btree ("kommune_id","quarter","area_id","outcome");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_org_period_idx" ON "settlement" USING btree ("organisation_id","period");--> statement-breakpoint
CREATE INDEX "support_grant_org_period_idx" ON "support_grant" USING btree ("organisation_id","period");