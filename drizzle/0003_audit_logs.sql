CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TYPE "audit"."audit_outcome" AS ENUM('succeeded', 'refused');--> statement-breakpoint
CREATE SEQUENCE "audit"."aud_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "audit"."audit_logs" (
	"id" text PRIMARY KEY DEFAULT 'AUD-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('audit.aud_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"key_prefix" text,
	"action" text NOT NULL,
	"resource_type" text,
	"resource_id" text,
	"outcome" "audit"."audit_outcome" NOT NULL,
	"error_code" text,
	"changed_fields" text[] NOT NULL,
	"client_address" text,
	"user_agent" text,
	"channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_logs_org_idx" ON "audit"."audit_logs" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "audit_logs_created_idx" ON "audit"."audit_logs" USING btree ("created_at");