CREATE TABLE "rejected_credentials" (
	"key" text PRIMARY KEY NOT NULL,
	"rejected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credential_attempts" DROP CONSTRAINT "credential_attempts_outcome_check";--> statement-breakpoint
ALTER TABLE "credential_attempts" ADD CONSTRAINT "credential_attempts_outcome_check" CHECK (outcome in ('pending', 'success', 'failure', 'not_sent', 'cleared'));
