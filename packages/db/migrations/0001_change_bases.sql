ALTER TABLE "option_quotes" ALTER COLUMN "price_change" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chain_snapshots" ADD COLUMN "change_base" text;--> statement-breakpoint
ALTER TABLE "option_quotes" ADD COLUMN "snapshot_oi_change" bigint;--> statement-breakpoint
ALTER TABLE "option_quotes" ADD COLUMN "snapshot_price_change" double precision;--> statement-breakpoint
ALTER TABLE "chain_snapshots" ADD CONSTRAINT "chain_snapshots_change_base_check" CHECK ("chain_snapshots"."change_base" in ('previous_close', 'session_first'));