CREATE TABLE "alert_webhooks" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_health" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"successes" integer DEFAULT 0 NOT NULL,
	"answered_failures" integer DEFAULT 0 NOT NULL,
	"probably_banned" boolean DEFAULT false NOT NULL,
	"stopped_revision" integer,
	"paused" boolean DEFAULT false NOT NULL,
	"next_due_at" timestamp with time zone NOT NULL,
	"last_slot" timestamp with time zone,
	"last_check_at" timestamp with time zone,
	"last_verdict" text,
	"last_target" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connection_health_state_check" CHECK (state in ('unknown', 'healthy', 'degraded', 'down'))
);
--> statement-breakpoint
CREATE TABLE "health_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"verdict" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text NOT NULL,
	"verdict" text
);
--> statement-breakpoint
CREATE TABLE "monitor_target_leases" (
	"target" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_webhooks" ADD CONSTRAINT "alert_webhooks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_health" ADD CONSTRAINT "connection_health_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_events" ADD CONSTRAINT "health_events_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_health_due_idx" ON "connection_health" USING btree ("next_due_at");--> statement-breakpoint
CREATE INDEX "health_checks_conn_idx" ON "health_checks" USING btree ("connection_id","at");--> statement-breakpoint
CREATE INDEX "health_events_conn_idx" ON "health_events" USING btree ("connection_id","at");