CREATE SCHEMA "gateway";
--> statement-breakpoint
CREATE SEQUENCE "gateway"."exp_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "gateway"."export_chunks" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"data" text NOT NULL,
	CONSTRAINT "export_chunks_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "gateway"."export_jobs" (
	"id" text PRIMARY KEY DEFAULT 'EXP-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('gateway.exp_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"query" text NOT NULL,
	"variables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"objects_written" bigint DEFAULT 0 NOT NULL,
	"bytes_written" bigint DEFAULT 0 NOT NULL,
	"chunks_written" integer DEFAULT 0 NOT NULL,
	"resume_after" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateway"."idempotency_keys" (
	"organization_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_organization_id_actor_id_key_pk" PRIMARY KEY("organization_id","actor_id","key")
);
--> statement-breakpoint
CREATE INDEX "export_jobs_org_idx" ON "gateway"."export_jobs" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "export_jobs_status_idx" ON "gateway"."export_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "gateway"."idempotency_keys" USING btree ("expires_at");