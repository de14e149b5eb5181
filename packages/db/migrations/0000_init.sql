CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_token_hash_sha256_hex" CHECK ("api_tokens"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "candles" (
	"product" text NOT NULL,
	"interval_seconds" integer NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"open" double precision NOT NULL,
	"high" double precision NOT NULL,
	"low" double precision NOT NULL,
	"close" double precision NOT NULL,
	"volume" bigint NOT NULL,
	"ticks" integer NOT NULL,
	CONSTRAINT "candles_product_interval_seconds_bucket_start_pk" PRIMARY KEY("product","interval_seconds","bucket_start"),
	CONSTRAINT "candles_interval_seconds_positive" CHECK ("candles"."interval_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "chain_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product" text NOT NULL,
	"expiry" date NOT NULL,
	"seq" bigint NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"spot_price" double precision NOT NULL,
	"time_to_expiry_years" double precision NOT NULL,
	"pcr_oi" double precision,
	"pcr_volume" double precision,
	"atm_strike" double precision NOT NULL,
	"atm_straddle_price" double precision,
	"implied_move" double precision,
	"implied_move_pct" double precision,
	"atm_iv" double precision,
	"max_pain_strike" double precision NOT NULL,
	"total_call_oi" bigint NOT NULL,
	"total_put_oi" bigint NOT NULL,
	"total_call_volume" bigint NOT NULL,
	"total_put_volume" bigint NOT NULL,
	"call_buildup_otm" bigint NOT NULL,
	"put_buildup_otm" bigint NOT NULL,
	"net_gamma_exposure" double precision NOT NULL,
	"call_wall" double precision,
	"put_wall" double precision,
	"gamma_flip" double precision,
	"conventions" jsonb NOT NULL,
	"strikes" double precision[] NOT NULL,
	"processed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chain_snapshots_product_expiry_seq_key" UNIQUE("product","expiry","seq")
);
--> statement-breakpoint
CREATE TABLE "option_quotes" (
	"product" text NOT NULL,
	"expiry" date NOT NULL,
	"seq" bigint NOT NULL,
	"symbol" text NOT NULL,
	"option_type" text NOT NULL,
	"strike" double precision NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"bid" double precision NOT NULL,
	"ask" double precision NOT NULL,
	"last" double precision NOT NULL,
	"mid" double precision NOT NULL,
	"volume" bigint NOT NULL,
	"open_interest" bigint NOT NULL,
	"oi_change" bigint NOT NULL,
	"price_change" double precision NOT NULL,
	"iv" double precision,
	"delta" double precision,
	"gamma" double precision,
	"vega" double precision,
	"theta" double precision,
	"rho" double precision,
	"buildup" text NOT NULL,
	CONSTRAINT "option_quotes_product_expiry_seq_option_type_strike_pk" PRIMARY KEY("product","expiry","seq","option_type","strike"),
	CONSTRAINT "option_quotes_option_type_check" CHECK ("option_quotes"."option_type" in ('CALL', 'PUT'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"exchange" text NOT NULL,
	"currency" text NOT NULL,
	"time_zone" text NOT NULL,
	"base_price" double precision NOT NULL,
	"strike_step" double precision NOT NULL,
	"strikes_each_side" integer NOT NULL,
	"lot_size" integer NOT NULL,
	"volatility" double precision NOT NULL,
	"conventions" jsonb NOT NULL,
	"expiry_rule" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "underlying_ticks" (
	"product" text NOT NULL,
	"tick_id" bigint NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"price" double precision NOT NULL,
	"volume" bigint,
	CONSTRAINT "underlying_ticks_product_tick_id_pk" PRIMARY KEY("product","tick_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('user', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candles" ADD CONSTRAINT "candles_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_snapshots" ADD CONSTRAINT "chain_snapshots_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "underlying_ticks" ADD CONSTRAINT "underlying_ticks_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "chain_snapshots_product_expiry_ts_idx" ON "chain_snapshots" USING btree ("product","expiry","ts" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "chain_snapshots_product_ts_idx" ON "chain_snapshots" USING btree ("product","ts" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "option_quotes_strike_history_idx" ON "option_quotes" USING btree ("product","expiry","strike","option_type","ts" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "underlying_ticks_product_ts_idx" ON "underlying_ticks" USING btree ("product","ts" DESC NULLS FIRST);