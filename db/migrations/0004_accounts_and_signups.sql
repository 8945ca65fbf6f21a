CREATE TABLE "dev_mailbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_time_token" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"user_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bucket" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kommune_member" (
	"user_id" uuid NOT NULL,
	"kommune_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kommune_member_user_id_kommune_id_role_pk" PRIMARY KEY("user_id","kommune_id","role")
);
--> statement-breakpoint
CREATE TABLE "organisation_member" (
	"user_id" uuid NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_member_user_id_organisation_id_pk" PRIMARY KEY("user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "signup_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"participant_first_name" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"guardian_name" text NOT NULL,
	"guardian_email" text,
	"guardian_phone" text,
	"language" text NOT NULL,
	"message" text,
	"status" text DEFAULT 'new' NOT NULL,
	"reply_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"delete_after" date NOT NULL,
	"access_token_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "expiry_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "moderation_note" text;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "recovery_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "one_time_token" ADD CONSTRAINT "one_time_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kommune_member" ADD CONSTRAINT "kommune_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kommune_member" ADD CONSTRAINT "kommune_member_kommune_id_kommune_id_fk" FOREIGN KEY ("kommune_id") REFERENCES "public"."kommune"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_request" ADD CONSTRAINT "signup_request_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "one_time_token_user_idx" ON "one_time_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rate_limit_event_bucket_idx" ON "rate_limit_event" USING btree ("bucket","at");--> statement-breakpoint
CREATE INDEX "kommune_member_kommune_idx" ON "kommune_member" USING btree ("kommune_id");--> statement-breakpoint
CREATE INDEX "organisation_member_org_idx" ON "organisation_member" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "signup_request_activity_idx" ON "signup_request" USING btree ("activity_id","created_at");--> statement-breakpoint
CREATE INDEX "signup_request_delete_idx" ON "signup_request" USING btree ("delete_after");--> statement-breakpoint
CREATE UNIQUE INDEX "signup_request_token_idx" ON "signup_request" USING btree ("access_token_hash");