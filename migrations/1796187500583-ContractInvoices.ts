import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractInvoices1796187500583 implements MigrationInterface {
  name = 'ContractInvoices1796187500583';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contract_invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "invoiced_on" date NOT NULL, "due_on" date NOT NULL, "external_source" character varying(40) NOT NULL, "external_id" character varying(100) NOT NULL, CONSTRAINT "CHK_contract_invoices_dates" CHECK ("due_on" >= "invoiced_on"), CONSTRAINT "CHK_contract_invoices_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_b68a5894bb9251e788cfcab1cea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_51488eb678fdf87ace1a8aa5f7" ON "contract_invoices"  ("external_source", "external_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d7608bf99fd926fee816b794a9" ON "contract_invoices"  ("contract_id", "due_on") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d7608bf99fd926fee816b794a9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_51488eb678fdf87ace1a8aa5f7"`);
    await queryRunner.query(`DROP TABLE "contract_invoices"`);
  }
}
