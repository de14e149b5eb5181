CREATE TABLE "chain_quotes" (
	"snapshot_id" bigint PRIMARY KEY NOT NULL,
	"symbol" text[] NOT NULL,
	"option_type" text[] NOT NULL,
	"strike" double precision[] NOT NULL,
	"ts" timestamp with time zone[] NOT NULL,
	"bid" double precision[] NOT NULL,
	"ask" double precision[] NOT NULL,
	"last" double precision[] NOT NULL,
	"mid" double precision[] NOT NULL,
	"volume" bigint[] NOT NULL,
	"open_interest" bigint[] NOT NULL,
	"oi_change" bigint[] NOT NULL,
	"price_change" double precision[] NOT NULL,
	"iv" double precision[] NOT NULL,
	"delta" double precision[] NOT NULL,
	"gamma" double precision[] NOT NULL,
	"vega" double precision[] NOT NULL,
	"theta" double precision[] NOT NULL,
	"rho" double precision[] NOT NULL,
	"buildup" text[] NOT NULL,
	"snapshot_oi_change" bigint[] NOT NULL,
	"snapshot_price_change" double precision[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chain_quotes" ADD CONSTRAINT "chain_quotes_snapshot_id_chain_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."chain_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each snapshot's quote rows become its one row of arrays: calls, then puts, each by strike (the order the
-- chains were stored in).
INSERT INTO "chain_quotes" ("snapshot_id", "symbol", "option_type", "strike", "ts", "bid", "ask", "last", "mid", "volume", "open_interest", "oi_change", "price_change", "iv", "delta", "gamma", "vega", "theta", "rho", "buildup", "snapshot_oi_change", "snapshot_price_change")
SELECT s."id",
       array_agg(q."symbol" order by q."option_type", q."strike"),
       array_agg(q."option_type" order by q."option_type", q."strike"),
       array_agg(q."strike" order by q."option_type", q."strike"),
       array_agg(q."ts" order by q."option_type", q."strike"),
       array_agg(q."bid" order by q."option_type", q."strike"),
       array_agg(q."ask" order by q."option_type", q."strike"),
       array_agg(q."last" order by q."option_type", q."strike"),
       array_agg(q."mid" order by q."option_type", q."strike"),
       array_agg(q."volume" order by q."option_type", q."strike"),
       array_agg(q."open_interest" order by q."option_type", q."strike"),
       array_agg(q."oi_change" order by q."option_type", q."strike"),
       array_agg(q."price_change" order by q."option_type", q."strike"),
       array_agg(q."iv" order by q."option_type", q."strike"),
       array_agg(q."delta" order by q."option_type", q."strike"),
       array_agg(q."gamma" order by q."option_type", q."strike"),
       array_agg(q."vega" order by q."option_type", q."strike"),
       array_agg(q."theta" order by q."option_type", q."strike"),
       array_agg(q."rho" order by q."option_type", q."strike"),
       array_agg(q."buildup" order by q."option_type", q."strike"),
       array_agg(q."snapshot_oi_change" order by q."option_type", q."strike"),
       array_agg(q."snapshot_price_change" order by q."option_type", q."strike")
  FROM "option_quotes" q
  JOIN "chain_snapshots" s USING ("product", "expiry", "seq")
 GROUP BY s."id";--> statement-breakpoint
DROP TABLE "option_quotes" CASCADE;
