CREATE TABLE "alert_book_versions" (
	"product" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_book_versions" ADD CONSTRAINT "alert_book_versions_product_products_symbol_fk" FOREIGN KEY ("product") REFERENCES "public"."products"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Raised for every product whose set of active alerts, or what one of them watches, may have changed.
-- The worker's own state changes (armed, reference, state_data_ts, last_fired_at) leave it alone.
CREATE FUNCTION "alert_book_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "alert_book_versions" ("product", "version") VALUES (NEW."product", 1)
      ON CONFLICT ("product") DO UPDATE SET "version" = "alert_book_versions"."version" + 1;
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW."product" IS DISTINCT FROM OLD."product") THEN
    INSERT INTO "alert_book_versions" ("product", "version") VALUES (OLD."product", 1)
      ON CONFLICT ("product") DO UPDATE SET "version" = "alert_book_versions"."version" + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "alerts_book_changed"
  AFTER INSERT OR DELETE OR UPDATE OF "product", "expiry", "condition", "note", "active" ON "alerts"
  FOR EACH ROW EXECUTE FUNCTION "alert_book_changed"();
