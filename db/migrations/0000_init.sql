CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_label" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connection_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"verdict" text,
	"ok" boolean,
	"warnings" jsonb,
	"steps" jsonb,
	"sip" jsonb,
	"target" jsonb,
	"trace" jsonb,
	"pbx_product" text,
	"credential_revision" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"label" text NOT NULL,
	"sip_username" text NOT NULL,
	"auth_username" text,
	"sip_domain" text NOT NULL,
	"port" integer,
	"transport" text DEFAULT 'auto' NOT NULL,
	"outbound_proxy" text,
	"password_ciphertext" text,
	"password_key_version" integer,
	"password_saved_at" timestamp with time zone,
	"credential_revision" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "connections_org_idempotency_key" UNIQUE("organization_id","idempotency_key"),
	CONSTRAINT "connections_transport_check" CHECK (transport in ('auto', 'udp', 'tcp', 'tls')),
	CONSTRAINT "connections_status_check" CHECK (status in ('draft', 'testing', 'verified', 'active', 'failed', 'disabled')),
	CONSTRAINT "connections_port_check" CHECK (port is null or (port between 1 and 65535)),
	CONSTRAINT "connections_password_complete" CHECK ((password_ciphertext is null) = (password_key_version is null) and (password_ciphertext is null) = (password_saved_at is null))
);
--> statement-breakpoint
CREATE TABLE "credential_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target" text NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "credential_attempts_outcome_check" CHECK (outcome in ('pending', 'success', 'failure', 'not_sent'))
);
--> statement-breakpoint
CREATE TABLE "org_target_hosts" (
	"organization_id" uuid NOT NULL,
	"host" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_target_hosts_organization_id_host_pk" PRIMARY KEY("organization_id","host")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_cooldowns" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_cooldowns_bucket_key_pk" PRIMARY KEY("bucket","key")
);
--> statement-breakpoint
CREATE TABLE "rate_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'customer' NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK (role in ('customer', 'support'))
);
--> statement-breakpoint
ALTER TABLE "connection_tests" ADD CONSTRAINT "connection_tests_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_tests" ADD CONSTRAINT "connection_tests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_conn_idx" ON "audit_events" USING btree ("connection_id","at");--> statement-breakpoint
CREATE INDEX "connection_tests_conn_idx" ON "connection_tests" USING btree ("connection_id","started_at");--> statement-breakpoint
CREATE INDEX "connections_org_idx" ON "connections" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "connections_key_version_idx" ON "connections" USING btree ("password_key_version");--> statement-breakpoint
CREATE INDEX "credential_attempts_target_idx" ON "credential_attempts" USING btree ("target","reserved_at");--> statement-breakpoint
CREATE INDEX "org_target_hosts_seen_idx" ON "org_target_hosts" USING btree ("organization_id","first_seen_at");--> statement-breakpoint
CREATE INDEX "rate_events_bucket_key_at_idx" ON "rate_events" USING btree ("bucket","key","at");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("organization_id");