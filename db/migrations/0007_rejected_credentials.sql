CREATE TABLE "monitor_target_leases" (
	"target" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejected_credentials" (
	"key" text PRIMARY KEY NOT NULL,
	"rejected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credential_attempts" DROP CONSTRAINT "credential_attempts_outcome_check";--> statement-breakpoint
DROP INDEX "health_events_unalerted_idx";--> statement-breakpoint
ALTER TABLE "health_events" DROP COLUMN "alerts_queued_at";--> statement-breakpoint
ALTER TABLE "credential_attempts" ADD CONSTRAINT "credential_attempts_outcome_check" CHECK (outcome in ('pending', 'success', 'failure', 'not_sent', 'cleared'));