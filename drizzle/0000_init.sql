CREATE SCHEMA "events";
--> statement-breakpoint
CREATE SCHEMA "integrations";
--> statement-breakpoint
CREATE SCHEMA "organizations";
--> statement-breakpoint
CREATE SCHEMA "service_lines";
--> statement-breakpoint
CREATE SCHEMA "tasks";
--> statement-breakpoint
CREATE SCHEMA "managed_services";
--> statement-breakpoint
CREATE TYPE "integrations"."integration_status" AS ENUM('active', 'pending_auth', 'error', 'disconnected');--> statement-breakpoint
CREATE TYPE "integrations"."integration_type" AS ENUM('github', 'gitlab', 'bitbucket', 'azure_devops', 'jira', 'clickup', 'linear', 'azure_boards', 'slack', 'microsoft_teams', 'datadog', 'sonarcloud');--> statement-breakpoint
CREATE TYPE "integrations"."sync_run_status" AS ENUM('running', 'success', 'failed');--> statement-breakpoint
CREATE TYPE "integrations"."sync_status" AS ENUM('healthy', 'degraded', 'failed');--> statement-breakpoint
CREATE TYPE "organizations"."plan_tier" AS ENUM('starter', 'growth', 'scale', 'enterprise');--> statement-breakpoint
CREATE TYPE "organizations"."role" AS ENUM('owner', 'admin', 'member', 'viewer');--> statement-breakpoint
CREATE TYPE "organizations"."subscription_status" AS ENUM('trialing', 'active', 'past_due', 'cancelled');--> statement-breakpoint
CREATE TYPE "organizations"."user_status" AS ENUM('invited', 'active', 'deactivated');--> statement-breakpoint
CREATE TYPE "service_lines"."billing_model" AS ENUM('time_and_materials', 'fixed_monthly', 'fixed_price', 'usage_based', 'subscription');--> statement-breakpoint
CREATE TYPE "service_lines"."execution_model" AS ENUM('capacity', 'ongoing_sla', 'outcome', 'estate', 'analysis', 'agent');--> statement-breakpoint
CREATE TYPE "service_lines"."product_line" AS ENUM('talent', 'managed_services', 'ods', 'infrastructure', 'intelligence', 'agents');--> statement-breakpoint
CREATE TYPE "service_lines"."service_line_status" AS ENUM('draft', 'active', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "tasks"."task_priority" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "tasks"."task_status" AS ENUM('backlog', 'in_progress', 'in_review', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "managed_services"."delivery_model" AS ENUM('managed_delivery', 'dedicated_team', 'staff_augmentation');--> statement-breakpoint
CREATE TYPE "managed_services"."incident_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "managed_services"."incident_status" AS ENUM('open', 'investigating', 'resolved');--> statement-breakpoint
CREATE TYPE "managed_services"."incident_type" AS ENUM('sla_breach', 'delivery_failure', 'quality', 'availability', 'other');--> statement-breakpoint
CREATE TYPE "managed_services"."pod_status" AS ENUM('scoping', 'active', 'paused', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "managed_services"."priority" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "managed_services"."ticket_status" AS ENUM('open', 'acknowledged', 'in_progress', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "managed_services"."ticket_type" AS ENUM('priority_item', 'support_request', 'change_request', 'bug_report', 'escalation');--> statement-breakpoint
CREATE SEQUENCE "events"."evt_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "integrations"."int_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "integrations"."sync_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."key_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."org_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."pln_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."proj_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."sub_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."usr_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "organizations"."ws_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "service_lines"."lin_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "tasks"."tsk_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "managed_services"."inc_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "managed_services"."pod_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "managed_services"."sla_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "managed_services"."tkt_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "events"."events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events"."events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text DEFAULT 'EVT-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('events.evt_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations"."integration_credentials" (
	"integration_id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"sealed" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations"."integrations" (
	"id" text PRIMARY KEY DEFAULT 'INT-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('integrations.int_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"type" "integrations"."integration_type" NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "integrations"."integration_status" NOT NULL,
	"sync_status" "integrations"."sync_status",
	"last_synced_at" timestamp with time zone,
	"connected_by" text,
	"disconnected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations"."sync_runs" (
	"id" text PRIMARY KEY DEFAULT 'SYNC-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('integrations.sync_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"integration_id" text NOT NULL,
	"status" "integrations"."sync_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"records_synced" integer,
	"error" text,
	"triggered_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."api_keys" (
	"id" text PRIMARY KEY DEFAULT 'KEY-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.key_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text,
	"name" text NOT NULL,
	"role" "organizations"."role" DEFAULT 'member' NOT NULL,
	"token_prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations"."organizations" (
	"id" text PRIMARY KEY DEFAULT 'ORG-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.org_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"billing_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."plans" (
	"id" text PRIMARY KEY DEFAULT 'PLN-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.pln_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"name" text NOT NULL,
	"tier" "organizations"."plan_tier" NOT NULL,
	"allowed_product_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"max_active_service_lines" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."projects" (
	"id" text PRIMARY KEY DEFAULT 'PROJ-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.proj_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."subscriptions" (
	"id" text PRIMARY KEY DEFAULT 'SUB-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.sub_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"status" "organizations"."subscription_status" DEFAULT 'active' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"renews_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."users" (
	"id" text PRIMARY KEY DEFAULT 'USR-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.usr_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "organizations"."role" DEFAULT 'member' NOT NULL,
	"status" "organizations"."user_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations"."workspace_members" (
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "organizations"."role" DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_members_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations"."workspaces" (
	"id" text PRIMARY KEY DEFAULT 'WS-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('organizations.ws_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"settings" jsonb DEFAULT '{"require_task_service_line":true}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_lines"."service_lines" (
	"id" text PRIMARY KEY DEFAULT 'LIN-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('service_lines.lin_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"product_line" "service_lines"."product_line" NOT NULL,
	"execution_model" "service_lines"."execution_model" NOT NULL,
	"billing_model" "service_lines"."billing_model" NOT NULL,
	"status" "service_lines"."service_line_status" DEFAULT 'draft' NOT NULL,
	"project_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"delivery_velocity" integer DEFAULT 0 NOT NULL,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_lines"."usage_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_lines"."usage_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"service_line_id" text NOT NULL,
	"metric" text NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"cost" numeric(18, 2) NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks"."task_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tasks"."task_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" text NOT NULL,
	"from" text,
	"to" text,
	"by" text
);
--> statement-breakpoint
CREATE TABLE "tasks"."tasks" (
	"id" text PRIMARY KEY DEFAULT 'TSK-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('tasks.tsk_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"service_line_id" text,
	"project_id" text,
	"title" text NOT NULL,
	"description" text,
	"status" "tasks"."task_status" DEFAULT 'backlog' NOT NULL,
	"priority" "tasks"."task_priority" DEFAULT 'medium' NOT NULL,
	"assignee_id" text,
	"external_id" text,
	"external_source" text,
	"external_url" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "managed_services"."incidents" (
	"id" text PRIMARY KEY DEFAULT 'INC-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('managed_services.inc_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"service_line_id" text,
	"pod_id" text,
	"type" "managed_services"."incident_type" DEFAULT 'other' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"severity" "managed_services"."incident_severity" DEFAULT 'medium' NOT NULL,
	"status" "managed_services"."incident_status" DEFAULT 'open' NOT NULL,
	"raised_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managed_services"."pod_members" (
	"pod_id" text NOT NULL,
	"position" integer NOT NULL,
	"talent_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pod_members_pod_id_position_pk" PRIMARY KEY("pod_id","position")
);
--> statement-breakpoint
CREATE TABLE "managed_services"."pods" (
	"id" text PRIMARY KEY DEFAULT 'POD-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('managed_services.pod_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"service_line_id" text,
	"subscription_id" text,
	"name" text NOT NULL,
	"description" text,
	"status" "managed_services"."pod_status" DEFAULT 'scoping' NOT NULL,
	"delivery_model" "managed_services"."delivery_model" NOT NULL,
	"team_size" integer DEFAULT 0 NOT NULL,
	"requested_team_size" integer,
	"required_capabilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"project_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"sla_id" text,
	"start_date" date,
	"duration_months" integer,
	"started_at" timestamp with time zone,
	"renews_at" timestamp with time zone,
	"cost_per_month" numeric(14, 2),
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managed_services"."sla_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "managed_services"."sla_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" text NOT NULL,
	"sla_id" text NOT NULL,
	"pod_id" text NOT NULL,
	"period" text NOT NULL,
	"compliance_percent" numeric(5, 1) NOT NULL,
	"metrics" jsonb NOT NULL,
	"incident_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managed_services"."slas" (
	"id" text PRIMARY KEY DEFAULT 'SLA-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('managed_services.sla_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"pod_id" text NOT NULL,
	"throughput_tasks_per_sprint" integer NOT NULL,
	"response_time_hours" numeric(8, 2) NOT NULL,
	"availability_hours_per_week" integer NOT NULL,
	"quality_gate_percent" numeric(5, 2) DEFAULT 80 NOT NULL,
	"current_compliance" numeric(5, 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managed_services"."tickets" (
	"id" text PRIMARY KEY DEFAULT 'TKT-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('managed_services.tkt_id_seq')::text, '^0*([0-9]{6,})$', '\1') NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"pod_id" text NOT NULL,
	"type" "managed_services"."ticket_type" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"priority" "managed_services"."priority" DEFAULT 'medium' NOT NULL,
	"status" "managed_services"."ticket_status" DEFAULT 'open' NOT NULL,
	"submitted_by" text,
	"sla_response_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integrations"."integration_credentials" ADD CONSTRAINT "integration_credentials_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "integrations"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations"."sync_runs" ADD CONSTRAINT "sync_runs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "integrations"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."api_keys" ADD CONSTRAINT "api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "organizations"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."subscriptions" ADD CONSTRAINT "subscriptions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."subscriptions" ADD CONSTRAINT "subscriptions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "organizations"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."workspace_members" ADD CONSTRAINT "workspace_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "organizations"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."workspace_members" ADD CONSTRAINT "workspace_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "organizations"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations"."workspaces" ADD CONSTRAINT "workspaces_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_lines"."usage_records" ADD CONSTRAINT "usage_records_service_line_id_service_lines_id_fk" FOREIGN KEY ("service_line_id") REFERENCES "service_lines"."service_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks"."task_history" ADD CONSTRAINT "task_history_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "tasks"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."incidents" ADD CONSTRAINT "incidents_pod_id_pods_id_fk" FOREIGN KEY ("pod_id") REFERENCES "managed_services"."pods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."pod_members" ADD CONSTRAINT "pod_members_pod_id_pods_id_fk" FOREIGN KEY ("pod_id") REFERENCES "managed_services"."pods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."sla_reports" ADD CONSTRAINT "sla_reports_sla_id_slas_id_fk" FOREIGN KEY ("sla_id") REFERENCES "managed_services"."slas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."sla_reports" ADD CONSTRAINT "sla_reports_pod_id_pods_id_fk" FOREIGN KEY ("pod_id") REFERENCES "managed_services"."pods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."slas" ADD CONSTRAINT "slas_pod_id_pods_id_fk" FOREIGN KEY ("pod_id") REFERENCES "managed_services"."pods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_services"."tickets" ADD CONSTRAINT "tickets_pod_id_pods_id_fk" FOREIGN KEY ("pod_id") REFERENCES "managed_services"."pods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_id_key" ON "events"."events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "events_org_idx" ON "events"."events" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE INDEX "events_ws_idx" ON "events"."events" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events"."events" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "events"."events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "events_org_type_idx" ON "events"."events" USING btree ("organization_id","type" text_pattern_ops,"seq");--> statement-breakpoint
CREATE INDEX "events_org_subject_type_idx" ON "events"."events" USING btree ("organization_id","subject_type","seq");--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events"."events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "integrations_ws_idx" ON "integrations"."integrations" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "integrations_org_idx" ON "integrations"."integrations" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "sync_runs_integration_idx" ON "integrations"."sync_runs" USING btree ("integration_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "organizations"."api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_org_idx" ON "organizations"."api_keys" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"."organizations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "projects_org_idx" ON "organizations"."projects" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "subscriptions_org_idx" ON "organizations"."subscriptions" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "organizations"."users" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_email_key" ON "organizations"."users" USING btree ("organization_id","email");--> statement-breakpoint
CREATE INDEX "workspace_members_user_idx" ON "organizations"."workspace_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "workspaces_org_idx" ON "organizations"."workspaces" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_org_slug_key" ON "organizations"."workspaces" USING btree ("organization_id","slug");--> statement-breakpoint
CREATE INDEX "service_lines_ws_idx" ON "service_lines"."service_lines" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "service_lines_org_idx" ON "service_lines"."service_lines" USING btree ("organization_id","status","id");--> statement-breakpoint
CREATE INDEX "service_lines_projects_idx" ON "service_lines"."service_lines" USING gin ("project_ids");--> statement-breakpoint
CREATE INDEX "usage_records_line_idx" ON "service_lines"."usage_records" USING btree ("service_line_id","recorded_at");--> statement-breakpoint
CREATE INDEX "usage_records_ws_idx" ON "service_lines"."usage_records" USING btree ("workspace_id","recorded_at");--> statement-breakpoint
CREATE INDEX "usage_records_org_idx" ON "service_lines"."usage_records" USING btree ("organization_id","recorded_at");--> statement-breakpoint
CREATE INDEX "task_history_task_idx" ON "tasks"."task_history" USING btree ("task_id","at","id");--> statement-breakpoint
CREATE INDEX "tasks_ws_idx" ON "tasks"."tasks" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "tasks_line_idx" ON "tasks"."tasks" USING btree ("service_line_id","status","id");--> statement-breakpoint
CREATE INDEX "tasks_org_idx" ON "tasks"."tasks" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks"."tasks" USING btree ("assignee_id","id");--> statement-breakpoint
CREATE INDEX "tasks_project_idx" ON "tasks"."tasks" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "managed_services"."incidents" USING btree ("organization_id","status","id");--> statement-breakpoint
CREATE INDEX "incidents_line_idx" ON "managed_services"."incidents" USING btree ("service_line_id","status","id");--> statement-breakpoint
CREATE INDEX "incidents_pod_idx" ON "managed_services"."incidents" USING btree ("pod_id","status","id");--> statement-breakpoint
CREATE INDEX "pods_org_idx" ON "managed_services"."pods" USING btree ("organization_id","status","id");--> statement-breakpoint
CREATE INDEX "pods_ws_idx" ON "managed_services"."pods" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "pods_line_idx" ON "managed_services"."pods" USING btree ("service_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_reports_pod_period_key" ON "managed_services"."sla_reports" USING btree ("pod_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "slas_pod_key" ON "managed_services"."slas" USING btree ("pod_id");--> statement-breakpoint
CREATE INDEX "tickets_pod_idx" ON "managed_services"."tickets" USING btree ("pod_id","status","id");--> statement-breakpoint
CREATE INDEX "tickets_org_idx" ON "managed_services"."tickets" USING btree ("organization_id","id");