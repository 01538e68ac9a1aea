import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgreementKpis1796184101460 implements MigrationInterface {
  name = 'AgreementKpis1796184101460';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement_kpi_breaches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "agreement_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "kpi" character varying(30) NOT NULL, "period" character varying(7) NOT NULL, "subject_key" character varying(100) NOT NULL, "lead_id" uuid, "threshold" numeric(12,2) NOT NULL, "actual" numeric(12,2) NOT NULL, "detected_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_fb55ff82fba25d615bfeb2a9ef5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9032f7ee1ed8c44826c88b7345" ON "agreement_kpi_breaches"  ("vendor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0029876536b5b671e110f983d8" ON "agreement_kpi_breaches"  ("agreement_id", "detected_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_kpi_breaches_once" ON "agreement_kpi_breaches"  ("agreement_id", "kpi", "subject_key") `,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "kpis" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "agreement_kpi_breaches" ADD CONSTRAINT "FK_a140782a4616a657e9398fd7eb0" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agreement_kpi_breaches" DROP CONSTRAINT "FK_a140782a4616a657e9398fd7eb0"`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "kpis"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_kpi_breaches_once"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0029876536b5b671e110f983d8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9032f7ee1ed8c44826c88b7345"`);
    await queryRunner.query(`DROP TABLE "agreement_kpi_breaches"`);
  }
}
