CREATE TABLE "daily_candles" (
	"product" text NOT NULL,
	"date" date NOT NULL,
	"open" double precision NOT NULL,
	"high" double precision NOT NULL,
	"low" double precision NOT NULL,
	"close" double precision NOT NULL,
	"volume" bigint NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "daily_candles_product_date_pk" PRIMARY KEY("product","date"),
	CONSTRAINT "daily_candles_source_check" CHECK ("daily_candles"."source" in ('live', 'simulated'))
);
--> statement-breakpoint
CREATE TABLE "iv_daily_points" (
	"product" text NOT NULL,
	"date" date NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"iv_30d" double precision,
	"atm_iv" double precision,
	"near_expiry" date,
	"source" text NOT NULL,
	CONSTRAINT "iv_daily_points_product_date_pk" PRIMARY KEY("product","date"),
	CONSTRAINT "iv_daily_points_source_check" CHECK ("iv_daily_points"."source" in ('live', 'simulated'))
);
--> statement-breakpoint
CREATE TABLE "iv_intraday_points" (
	"product" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"iv_30d" double precision,
	"atm_iv" double precision,
	"near_expiry" date,
	"source" text NOT NULL,
	CONSTRAINT "iv_intraday_points_product_bucket_start_pk" PRIMARY KEY("product","bucket_start"),
	CONSTRAINT "iv_intraday_points_source_check" CHECK ("iv_intraday_points"."source" in ('live', 'simulated'))
);
--> statement-breakpoint
ALTER TABLE "daily_candles" ADD CONSTRAINT "daily_candles_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iv_daily_points" ADD CONSTRAINT "iv_daily_points_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iv_intraday_points" ADD CONSTRAINT "iv_intraday_points_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;