import { MigrationInterface, QueryRunner } from 'typeorm';

export class Complaints1796183494365 implements MigrationInterface {
  name = 'Complaints1796183494365';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "customer_id" uuid NOT NULL, "contract_id" uuid, "vendor_id" uuid, "rep_id" uuid, "category" character varying(30) NOT NULL, "description" character varying(2000) NOT NULL, "owner_user_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "deadline_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "investigating_at" TIMESTAMP(3) WITH TIME ZONE, "resolved_at" TIMESTAMP(3) WITH TIME ZONE, "resolution" character varying(2000), CONSTRAINT "complaints_status" CHECK ("status" IN ('open', 'investigating', 'resolved')), CONSTRAINT "PK_4b7566a2a489c2cc7c12ed076ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "complaints_created" ON "complaints"  ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "complaints_open_deadline" ON "complaints"  ("deadline_at") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_vendor_created" ON "complaints"  ("vendor_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "response_working_days" integer NOT NULL, CONSTRAINT "complaint_settings_days" CHECK ("response_working_days" BETWEEN 1 AND 30), CONSTRAINT "complaint_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_99f262b019bc9a6c97ae9138033" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "complaint_settings_single_row" ON "complaint_settings"  ("singleton") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."complaint_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "complaint_settings"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_vendor_created"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_open_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_created"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
  }
}
