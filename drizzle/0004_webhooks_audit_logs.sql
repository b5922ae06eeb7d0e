CREATE SCHEMA "webhooks";
--> statement-breakpoint
CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TYPE "webhooks"."delivery_kind" AS ENUM('event', 'ping', 'redelivery');--> statement-breakpoint
CREATE TYPE "webhooks"."delivery_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "webhooks"."disabled_reason" AS ENUM('manual', 'gone', 'failing');--> statement-breakpoint
CREATE TYPE "webhooks"."verification_status" AS ENUM('pending', 'verified', 'failed');--> statement-breakpoint
CREATE TYPE "audit"."audit_outcome" AS ENUM('succeeded', 'refused');--> statement-breakpoint
CREATE SEQUENCE "webhooks"."whd_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "webhooks"."whk_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "audit"."aud_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "webhooks"."attempts" (
	"delivery_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"organization_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"request_headers" jsonb NOT NULL,
	"response_status" integer,
	"response_body" text,
	"latency_ms" integer NOT NULL,
	"error" text,
	"next_attempt_at" timestamp with time zone,
	CONSTRAINT "attempts_delivery_id_attempt_pk" PRIMARY KEY("delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "webhooks"."deliveries" (
	"id" text PRIMARY KEY DEFAULT 'WHD-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('webhooks.whd_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"endpoint_id" text NOT NULL,
	"kind" "webhooks"."delivery_kind" NOT NULL,
	"event_id" text,
	"event_seq" bigint,
	"event_type" text NOT NULL,
	"body" text NOT NULL,
	"status" "webhooks"."delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"lease_until" timestamp with time zone,
	"redelivery_of" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhooks"."dispatch_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks"."endpoints" (
	"id" text PRIMARY KEY DEFAULT 'WHK-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('webhooks.whk_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" "webhooks"."disabled_reason",
	"verification" "webhooks"."verification_status" DEFAULT 'pending' NOT NULL,
	"after_seq" bigint DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks"."secrets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhooks"."secrets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"endpoint_id" text NOT NULL,
	"key_id" text NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
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
ALTER TABLE "webhooks"."attempts" ADD CONSTRAINT "attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "webhooks"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks"."deliveries" ADD CONSTRAINT "deliveries_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "webhooks"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks"."secrets" ADD CONSTRAINT "secrets_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "webhooks"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_endpoint_idx" ON "webhooks"."deliveries" USING btree ("endpoint_id","id");--> statement-breakpoint
CREATE INDEX "deliveries_queue_idx" ON "webhooks"."deliveries" USING btree ("endpoint_id","event_seq") WHERE status = 'pending' and kind = 'event';--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "webhooks"."deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_created_idx" ON "webhooks"."deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "endpoints_org_idx" ON "webhooks"."endpoints" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "secrets_endpoint_idx" ON "webhooks"."secrets" USING btree ("endpoint_id");--> statement-breakpoint
CREATE INDEX "audit_logs_org_idx" ON "audit"."audit_logs" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "audit_logs_created_idx" ON "audit"."audit_logs" USING btree ("created_at");