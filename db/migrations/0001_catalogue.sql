CREATE TABLE "area" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"kind" text DEFAULT 'tettsted' NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kommune" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"retention_days" integer DEFAULT 90 NOT NULL,
	CONSTRAINT "kommune_number_unique" UNIQUE("number"),
	CONSTRAINT "kommune_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"orgnr" text,
	"kind" text DEFAULT 'club' NOT NULL,
	"description" text,
	"contact_email" text,
	"contact_phone" text,
	"website" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "venue" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"area_id" integer,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"postcode" text NOT NULL,
	"place" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "equipment_lender" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"opening_hours" text NOT NULL,
	"lends" text NOT NULL,
	"url" text,
	CONSTRAINT "equipment_lender_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "support_scheme" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"who_can_get" text NOT NULL,
	"how_to_apply" text NOT NULL,
	"covers" text[] NOT NULL,
	"max_amount_ore" integer,
	"discreet_via_guide" boolean DEFAULT true NOT NULL,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "activity" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"venue_id" integer,
	"kommune_id" integer NOT NULL,
	"area_id" integer,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"first_time_info" text DEFAULT '' NOT NULL,
	"what_to_bring" text DEFAULT '' NOT NULL,
	"age_min" smallint NOT NULL,
	"age_max" smallint NOT NULL,
	"gender" text DEFAULT 'all' NOT NULL,
	"level" text DEFAULT 'all' NOT NULL,
	"leader_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"adaptations" text[] DEFAULT '{}'::text[] NOT NULL,
	"trial_session" boolean DEFAULT false NOT NULL,
	"drop_in" boolean DEFAULT false NOT NULL,
	"capacity" integer,
	"open_for_new" boolean DEFAULT true NOT NULL,
	"season_start" date,
	"season_end" date,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_confirmed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"total_cost_per_year_ore" integer DEFAULT 0 NOT NULL,
	"has_lendable_equipment" boolean DEFAULT false NOT NULL,
	"has_support" boolean DEFAULT false NOT NULL,
	"free_places" integer DEFAULT 0 NOT NULL,
	"search_keywords" text DEFAULT '' NOT NULL,
	"search_folded" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('norwegian', coalesce(title, '')), 'A') || setweight(to_tsvector('norwegian', coalesce(search_keywords, '')), 'B') || setweight(to_tsvector('norwegian', coalesce(description, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_cost" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_ore" integer DEFAULT 0 NOT NULL,
	"period" text DEFAULT 'year' NOT NULL,
	"optional" boolean DEFAULT false NOT NULL,
	"hours" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "activity_equipment" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"item" text NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"lender_id" integer,
	"typical_price_ore" integer
);
--> statement-breakpoint
CREATE TABLE "activity_session" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"weekday" smallint,
	"date" date,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_support" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"scheme_id" integer NOT NULL,
	"free_places_per_season" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_day" (
	"id" serial PRIMARY KEY NOT NULL,
	"kommune_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"activity_id" integer,
	"venue_id" integer,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "translation" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"field" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"source" text DEFAULT 'club' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"language" text DEFAULT 'nb' NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"email_verified_at" timestamp with time zone,
	"preferred_language" text DEFAULT 'nb' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue" ADD CONSTRAINT "venue_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue" ADD CONSTRAINT "venue_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_lender" ADD CONSTRAINT "equipment_lender_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_scheme" ADD CONSTRAINT "support_scheme_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_area_id_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_cost" ADD CONSTRAINT "activity_cost_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_equipment" ADD CONSTRAINT "activity_equipment_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_equipment" ADD CONSTRAINT "activity_equipment_lender_id_equipment_lender_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."equipment_lender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_session" ADD CONSTRAINT "activity_session_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_support" ADD CONSTRAINT "activity_support_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_support" ADD CONSTRAINT "activity_support_scheme_id_support_scheme_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."support_scheme"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day" ADD CONSTRAINT "open_day_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day" ADD CONSTRAINT "open_day_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day" ADD CONSTRAINT "open_day_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day" ADD CONSTRAINT "open_day_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "area_kommune_slug_idx" ON "area" USING btree ("kommune_id","slug");--> statement-breakpoint
CREATE INDEX "area_kommune_idx" ON "area" USING btree ("kommune_id");--> statement-breakpoint
CREATE INDEX "organisation_kommune_idx" ON "organisation" USING btree ("kommune_id");--> statement-breakpoint
CREATE INDEX "venue_kommune_idx" ON "venue" USING btree ("kommune_id");--> statement-breakpoint
CREATE INDEX "venue_area_idx" ON "venue" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "equipment_lender_kommune_idx" ON "equipment_lender" USING btree ("kommune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_scheme_slug_idx" ON "support_scheme" USING btree ("kommune_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_slug_idx" ON "activity" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "activity_search_idx" ON "activity" USING gin ("search");--> statement-breakpoint
CREATE INDEX "activity_trgm_idx" ON "activity" USING gin ("search_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activity_public_idx" ON "activity" USING btree ("status","kommune_id","category");--> statement-breakpoint
CREATE INDEX "activity_age_idx" ON "activity" USING btree ("age_min","age_max");--> statement-breakpoint
CREATE INDEX "activity_area_idx" ON "activity" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "activity_cost_idx" ON "activity" USING btree ("total_cost_per_year_ore");--> statement-breakpoint
CREATE INDEX "activity_confirmed_idx" ON "activity" USING btree ("last_confirmed_at");--> statement-breakpoint
CREATE INDEX "activity_org_idx" ON "activity" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "activity_languages_idx" ON "activity" USING gin ("leader_languages");--> statement-breakpoint
CREATE INDEX "activity_adaptations_idx" ON "activity" USING gin ("adaptations");--> statement-breakpoint
CREATE INDEX "activity_cost_activity_idx" ON "activity_cost" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_equipment_activity_idx" ON "activity_equipment" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_session_activity_idx" ON "activity_session" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_session_weekday_idx" ON "activity_session" USING btree ("weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_support_unique_idx" ON "activity_support" USING btree ("activity_id","scheme_id");--> statement-breakpoint
CREATE INDEX "open_day_starts_idx" ON "open_day" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "open_day_kommune_idx" ON "open_day" USING btree ("kommune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "translation_unique_idx" ON "translation" USING btree ("entity","entity_id","language","field");--> statement-breakpoint
CREATE INDEX "audit_event_entity_idx" ON "audit_event" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_event_at_idx" ON "audit_event" USING btree ("at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_expires_idx" ON "session" USING btree ("expires_at");