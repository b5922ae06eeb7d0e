CREATE TABLE "service_lines"."health_evaluations" (
	"name" text PRIMARY KEY NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL
);
