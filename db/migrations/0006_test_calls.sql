CREATE TABLE "test_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"direction" text NOT NULL,
	"outcome" text,
	"ok" boolean,
	"call" jsonb,
	"report" jsonb,
	"trace" jsonb,
	"facts" jsonb,
	"credential_revision" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "test_calls" ADD CONSTRAINT "test_calls_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_calls" ADD CONSTRAINT "test_calls_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "test_calls_conn_idx" ON "test_calls" USING btree ("connection_id","started_at");