ALTER TABLE "handoff_links" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "handoff_links" ADD CONSTRAINT "handoff_links_attempts_check" CHECK (attempts >= 0);