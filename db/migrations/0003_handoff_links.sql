CREATE TABLE "handoff_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"test_id" uuid,
	CONSTRAINT "handoff_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "handoff_links_token_hash_check" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "handoff_links_expiry_check" CHECK (expires_at > created_at)
);
--> statement-breakpoint
ALTER TABLE "handoff_links" ADD CONSTRAINT "handoff_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_links" ADD CONSTRAINT "handoff_links_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_links" ADD CONSTRAINT "handoff_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoff_links" ADD CONSTRAINT "handoff_links_test_id_connection_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."connection_tests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handoff_links_conn_idx" ON "handoff_links" USING btree ("connection_id","created_at");