import { MigrationInterface, QueryRunner } from 'typeorm';

export class SettlementStatements1796154958026 implements MigrationInterface {
  name = 'SettlementStatements1796154958026';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "settlement_statements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "rep_id" uuid, "period_key" character varying(10) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'draft', "totals" jsonb NOT NULL DEFAULT '[]', "line_count" integer NOT NULL DEFAULT '0', "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "approved_at" TIMESTAMP(3) WITH TIME ZONE, "approved_by" uuid, "locked_at" TIMESTAMP(3) WITH TIME ZONE, "locked_by" uuid, CONSTRAINT "CHK_settlement_statements_period" CHECK ("period_end" > "period_start"), CONSTRAINT "EXC_settlement_statements_no_overlap" EXCLUDE USING gist ("vendor_id" WITH =, (coalesce("rep_id", '00000000-0000-0000-0000-000000000000'::uuid)) WITH =, daterange("period_start", "period_end", '[)') WITH &&), CONSTRAINT "PK_e4603ed0ad0d945f912d59851ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6ccf2bf404d38a5e4fc6c16b7a" ON "settlement_statements"  ("period_start", "vendor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "settlement_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "statement_id" uuid NOT NULL, "line_no" integer NOT NULL, "kind" character varying(20) NOT NULL, "agreement_id" uuid, "rep_id" uuid, "source_fact_id" character varying(80), "source_contract_id" uuid, "source_lead_id" uuid, "source_month" character varying(7), "fact_date" date, "basis_minor" bigint, "share_bps" integer, "rate_bps" integer, "tier" character varying(30), "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "original_line_id" uuid, "adjustment_id" uuid, "note" character varying(300), CONSTRAINT "PK_82a2947e08fa4fbc13b92c8ed31" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d706a2cee1853b73914072c162" ON "settlement_lines"  ("source_fact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_be20909573d19ee90627f78221" ON "settlement_lines"  ("source_contract_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_575fc0f22bd3a2d9ec45d33543" ON "settlement_lines"  ("statement_id", "line_no") `,
    );
    await queryRunner.query(
      `CREATE TABLE "settlement_adjustments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "rep_id" uuid, "original_line_id" uuid, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "note" character varying(300) NOT NULL, "created_by" uuid, CONSTRAINT "PK_52ef32c6865ce680a7c4339b8b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_041db9bf315d6d4cf5833c4986" ON "settlement_adjustments"  ("vendor_id", "rep_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "settlement_disputes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "statement_id" uuid NOT NULL, "line_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "rep_id" uuid, "status" character varying(10) NOT NULL DEFAULT 'open', "reason" character varying(1000) NOT NULL, "raised_by" uuid, "decision_reason" character varying(1000), "decided_by" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "adjustment_id" uuid, CONSTRAINT "PK_e63be9d092ce9e8baa0ccf76948" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c6517076fcd498d91302bc3b03" ON "settlement_disputes"  ("line_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_416c166c6e9274c33ece748e83" ON "settlement_disputes"  ("statement_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "settlement_lines" ADD CONSTRAINT "FK_71633b06a93ff7b88ea066e96b3" FOREIGN KEY ("statement_id") REFERENCES "settlement_statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "settlement_disputes" ADD CONSTRAINT "FK_c6517076fcd498d91302bc3b035" FOREIGN KEY ("line_id") REFERENCES "settlement_lines"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "settlement_disputes" DROP CONSTRAINT "FK_c6517076fcd498d91302bc3b035"`,
    );
    await queryRunner.query(
      `ALTER TABLE "settlement_lines" DROP CONSTRAINT "FK_71633b06a93ff7b88ea066e96b3"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_416c166c6e9274c33ece748e83"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c6517076fcd498d91302bc3b03"`);
    await queryRunner.query(`DROP TABLE "settlement_disputes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_041db9bf315d6d4cf5833c4986"`);
    await queryRunner.query(`DROP TABLE "settlement_adjustments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_575fc0f22bd3a2d9ec45d33543"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_be20909573d19ee90627f78221"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d706a2cee1853b73914072c162"`);
    await queryRunner.query(`DROP TABLE "settlement_lines"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6ccf2bf404d38a5e4fc6c16b7a"`);
    await queryRunner.query(`DROP TABLE "settlement_statements"`);
  }
}
