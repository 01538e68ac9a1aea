import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractMilestones1796173942673 implements MigrationInterface {
  name = 'ContractMilestones1796173942673';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contract_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "due_on" date NOT NULL, "done_on" date, "note" character varying(500), CONSTRAINT "CHK_contract_milestones_amount" CHECK ("amount_minor" >= 0), CONSTRAINT "PK_f8175a553e239108a3866fc71ab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contract_milestones_open_due" ON "contract_milestones"  ("due_on") WHERE "done_on" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8f8f47ab04720d39a3ffdd5b5b" ON "contract_milestones"  ("contract_id", "due_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contract_milestones" ADD CONSTRAINT "FK_867356a86fadf0430feb74a5920" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contract_milestones" DROP CONSTRAINT "FK_867356a86fadf0430feb74a5920"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_8f8f47ab04720d39a3ffdd5b5b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contract_milestones_open_due"`);
    await queryRunner.query(`DROP TABLE "contract_milestones"`);
  }
}
