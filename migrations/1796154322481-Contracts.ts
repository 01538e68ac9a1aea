import { MigrationInterface, QueryRunner } from 'typeorm';

export class Contracts1796154322481 implements MigrationInterface {
  name = 'Contracts1796154322481';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "customer_id" uuid, "lead_id" uuid, "vendor_id" uuid, "rep_id" uuid, "sales_unit_id" uuid, "status" character varying(20) NOT NULL DEFAULT 'draft', "currency" character(3) NOT NULL, "total_minor" bigint NOT NULL DEFAULT '0', "list_total_minor" bigint NOT NULL DEFAULT '0', "payment_terms_days" integer, "region_code" character varying(10), "industry_code" character varying(60), "starts_on" date NOT NULL, "ends_on" date NOT NULL, "signed_on" date, "signed_at" TIMESTAMP(3) WITH TIME ZONE, "terminated_on" date, "status_reason" character varying(1000), "renewal_of_id" uuid, "external_source" character varying(40), "external_id" character varying(100), "approval" character varying(20) NOT NULL DEFAULT 'not_required', "approval_reason" character varying(1000), "approval_decided_by" uuid, "approval_decided_at" TIMESTAMP(3) WITH TIME ZONE, "scope_exception_reason" character varying(1000), "scope_exception_by" uuid, "cycle_days" integer, "touches_before_win" integer, "call_reports_before_win" integer, "win_factors" jsonb NOT NULL DEFAULT '[]', "deal_summary" character varying(2000), CONSTRAINT "CHK_contracts_seller" CHECK ("vendor_id" IS NOT NULL OR "sales_unit_id" IS NOT NULL), CONSTRAINT "CHK_contracts_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1f1a66aaaec1353fa007b68333" ON "contracts"  ("lead_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_35fab2f2c8088bb434baa5e0d9" ON "contracts"  ("status", "ends_on") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2e66f7950711366031e3200413" ON "contracts"  ("customer_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7c06e876328474075d6d05bdb2" ON "contracts"  ("renewal_of_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_607a749089e7176e48b46d8ed8" ON "contracts"  ("external_source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3882661adff19bb55b5c6d27d7" ON "contracts"  ("vendor_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "position" smallint NOT NULL, "product_id" uuid, "bundle_id" uuid, "product_line_shares" jsonb NOT NULL, "quantity" integer NOT NULL, "unit_price_minor" bigint NOT NULL, "discount_bps" integer NOT NULL DEFAULT '0', "line_total_minor" bigint NOT NULL, "unit_floor_minor" bigint NOT NULL, "unit_list_minor" bigint NOT NULL, "below_floor" boolean NOT NULL, CONSTRAINT "CHK_contract_lines_item" CHECK (("product_id" IS NULL) <> ("bundle_id" IS NULL)), CONSTRAINT "CHK_contract_lines_discount" CHECK ("discount_bps" >= 0 AND "discount_bps" <= 10000), CONSTRAINT "CHK_contract_lines_quantity" CHECK ("quantity" > 0), CONSTRAINT "PK_71800d8e8709bb7640ae715d32f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e5ebc4a6f7ad1af697fa05f6b0" ON "contract_lines"  ("contract_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_credits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "vendor_id" uuid, "rep_id" uuid, "sales_unit_id" uuid, "share_bps" integer NOT NULL, CONSTRAINT "CHK_contract_credits_share" CHECK ("share_bps" > 0 AND "share_bps" <= 10000), CONSTRAINT "PK_b5532b481ad719cd228fe0a875c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3a88e89e3b941ebb6830a5af8" ON "contract_credits"  ("rep_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b185f208002020fd289b3f6c60" ON "contract_credits"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "paid_on" date NOT NULL, "invoice_id" uuid, "external_source" character varying(40) NOT NULL, "external_id" character varying(100) NOT NULL, CONSTRAINT "CHK_contract_payments_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_d13742331d1239939340bbd9b42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f352707e5cf6d8fb1cbd6223e7" ON "contract_payments"  ("external_source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_57e429c636d45629e4994dc18c" ON "contract_payments"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contract_revenue_facts" ("id" BIGSERIAL NOT NULL, "contract_id" uuid NOT NULL, "source_id" uuid, "measure" character varying(20) NOT NULL, "day" date NOT NULL, "vendor_id" uuid, "rep_id" uuid, "sales_unit_id" uuid, "region_code" character varying(10), "industry" character varying(60), "product_line_id" uuid, "currency" character(3) NOT NULL, "share_bps" integer NOT NULL, "amount_minor" bigint NOT NULL, "contract_count" integer NOT NULL, "cycle_days" integer NOT NULL, CONSTRAINT "PK_e0dbfb43cea1e0e1f0416b713c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_754bf0f8edcd3a80ebca54e279" ON "contract_revenue_facts"  ("measure", "day") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f52ba71cad6cf3af14998cd038" ON "contract_revenue_facts"  ("contract_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "revenue_daily" ("id" BIGSERIAL NOT NULL, "day" date NOT NULL, "measure" character varying(20) NOT NULL, "vendor_id" uuid, "rep_id" uuid, "sales_unit_id" uuid, "region_code" character varying(10), "industry" character varying(60), "product_line_id" uuid, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "contract_count" integer NOT NULL, "cycle_days" integer NOT NULL, CONSTRAINT "PK_b1a57317650e3957617248f11e8" PRIMARY KEY ("id"))`,
    );
    // The rollup's key folds NULL dimensions so they compare equal (ON CONFLICT names these expressions);
    // it leads with (measure, day), the range every read filters on.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "revenue_daily_key" ON "revenue_daily" ("measure", "day", COALESCE("vendor_id", '00000000-0000-0000-0000-000000000000'::uuid), COALESCE("rep_id", '00000000-0000-0000-0000-000000000000'::uuid), COALESCE("sales_unit_id", '00000000-0000-0000-0000-000000000000'::uuid), COALESCE("region_code", ''), COALESCE("industry", ''), COALESCE("product_line_id", '00000000-0000-0000-0000-000000000000'::uuid), "currency")`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_lines" ADD CONSTRAINT "FK_d868bab839f7b5947ea12d41491" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_credits" ADD CONSTRAINT "FK_b185f208002020fd289b3f6c60f" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contract_credits" DROP CONSTRAINT "FK_b185f208002020fd289b3f6c60f"`,
    );
    await queryRunner.query(`ALTER TABLE "contract_lines" DROP CONSTRAINT "FK_d868bab839f7b5947ea12d41491"`);
    await queryRunner.query(`DROP INDEX "public"."revenue_daily_key"`);
    await queryRunner.query(`DROP TABLE "revenue_daily"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f52ba71cad6cf3af14998cd038"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_754bf0f8edcd3a80ebca54e279"`);
    await queryRunner.query(`DROP TABLE "contract_revenue_facts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_57e429c636d45629e4994dc18c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f352707e5cf6d8fb1cbd6223e7"`);
    await queryRunner.query(`DROP TABLE "contract_payments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b185f208002020fd289b3f6c60"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3a88e89e3b941ebb6830a5af8"`);
    await queryRunner.query(`DROP TABLE "contract_credits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e5ebc4a6f7ad1af697fa05f6b0"`);
    await queryRunner.query(`DROP TABLE "contract_lines"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3882661adff19bb55b5c6d27d7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_607a749089e7176e48b46d8ed8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c06e876328474075d6d05bdb2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e66f7950711366031e3200413"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_35fab2f2c8088bb434baa5e0d9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f1a66aaaec1353fa007b68333"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
  }
}
