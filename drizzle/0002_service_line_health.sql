CREATE TYPE "service_lines"."health_status" AS ENUM('healthy', 'at_risk', 'critical');--> statement-breakpoint
CREATE TABLE "service_lines"."health_states" (
	"service_line_id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"status" "service_lines"."health_status" NOT NULL,
	"score" integer NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_lines"."health_states" ADD CONSTRAINT "health_states_service_line_id_service_lines_id_fk" FOREIGN KEY ("service_line_id") REFERENCES "service_lines"."service_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_line_signals_idx" ON "events"."events" USING btree ((case when "subject_type" = 'service_line' then "subject_id" else "payload"->>'service_line_id' end),"created_at") WHERE "events"."events"."type" in ('capacity.utilisation_warning', 'capacity.gap_detected', 'execution.blocked', 'execution.resumed');