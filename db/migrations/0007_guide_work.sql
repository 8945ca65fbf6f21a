CREATE TABLE "equipment_loan" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"lender_id" integer NOT NULL,
	"activity_id" integer,
	"items" text[] NOT NULL,
	"pickup_on" date NOT NULL,
	"status" text DEFAULT 'arranged' NOT NULL,
	"family_told_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardian_link" (
	"id" serial PRIMARY KEY NOT NULL,
	"referral_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "weekdays" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "pending_club_id" integer;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "pending_club_activity_id" integer;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "pending_club_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "club_answer" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "club_answer_club_id" integer;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "club_answer_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "equipment_loan" ADD CONSTRAINT "equipment_loan_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_loan" ADD CONSTRAINT "equipment_loan_lender_id_equipment_lender_id_fk" FOREIGN KEY ("lender_id") REFERENCES "public"."equipment_lender"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_loan" ADD CONSTRAINT "equipment_loan_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_link" ADD CONSTRAINT "guardian_link_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_loan_referral_idx" ON "equipment_loan" USING btree ("referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardian_link_token_idx" ON "guardian_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "guardian_link_referral_idx" ON "guardian_link" USING btree ("referral_id");--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_pending_club_id_organisation_id_fk" FOREIGN KEY ("pending_club_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_pending_club_activity_id_activity_id_fk" FOREIGN KEY ("pending_club_activity_id") REFERENCES "public"."activity"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_club_answer_club_id_organisation_id_fk" FOREIGN KEY ("club_answer_club_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_due_idx" ON "follow_up" USING btree ("due_at") WHERE done_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_open_kind_idx" ON "follow_up" USING btree ("referral_id","kind") WHERE done_at is null;