import { MigrationInterface, QueryRunner } from 'typeorm';

export class Leads1795471585087 implements MigrationInterface {
  name = 'Leads1795471585087';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(300) NOT NULL, "name_key" character varying(300) NOT NULL, "tax_id" character varying(40), "tax_id_key" character varying(40), "phone" character varying(16), "email" character varying(254), "erp_customer_id" character varying(100), "vendor_id" uuid, "source_lead_id" uuid, CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d4b23566ce0986a2b53eede8c8" ON "customers"  ("name_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_d45ee97256ff577ca533f13e42" ON "customers"  ("tax_id_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_88acd889fbe17d0e16cc4bc917" ON "customers"  ("phone") `);
    await queryRunner.query(`CREATE INDEX "IDX_8536b8b85c06969f84f0c098b0" ON "customers"  ("email") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ff8e82f0f29d5bf3a877f780b3" ON "customers"  ("erp_customer_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d1d4f23830d93ae1939449171d" ON "customers"  ("vendor_id") `);
    await queryRunner.query(
      `CREATE TABLE "leads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "company_name" character varying(300) NOT NULL, "company_name_key" character varying(300) NOT NULL, "tax_id" character varying(40), "tax_id_key" character varying(40), "industry_code" character varying(60), "size_band" character varying(20), "region_code" character varying(10), "registered_capital_minor" bigint, "registered_capital_currency" character(3), "website" character varying(300), "needs" text, "product_line_ids" uuid array NOT NULL DEFAULT '{}', "source" character varying(20) NOT NULL, "source_campaign" character varying(200), "source_referrer" character varying(200), "tags" text array NOT NULL DEFAULT '{}', "status" character varying(20) NOT NULL DEFAULT 'new', "vendor_id" uuid, "owner_rep_id" uuid, "key_lead" boolean NOT NULL DEFAULT false, "key_lead_reason" character varying(500), "key_lead_set_by" character varying(10), "grade" character varying(10) NOT NULL, "score" integer NOT NULL, "score_factors" jsonb NOT NULL DEFAULT '[]', "follow_up_plan" jsonb, "next_follow_up_due" TIMESTAMP(3) WITH TIME ZONE, "last_activity_at" TIMESTAMP(3) WITH TIME ZONE, "touch_count" integer NOT NULL DEFAULT '1', "lost_reason" character varying(20), "lost_reason_text" character varying(1000), "lost_no_chance" boolean NOT NULL DEFAULT false, "reject_reason" character varying(20), "reject_reason_text" character varying(1000), "merged_into_id" uuid, "customer_id" uuid, "won_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e81703aa0f421396816c832a13" ON "leads"  ("company_name_key") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6b9746721c63aa8622661600eb" ON "leads"  ("tax_id_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_491b018d616822bd64ce7d4726" ON "leads"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_6276c6de816f74cd36cf35270f" ON "leads"  ("owner_rep_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e1b780441c3b62a984b6e50cd8" ON "leads"  ("merged_into_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_6b09800e578ad486ed0036b6dd" ON "leads"  ("next_follow_up_due") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3943ba5bec26fd45d51b2ae2a4" ON "leads"  ("vendor_id", "owner_rep_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "position" smallint NOT NULL DEFAULT '0', "name" character varying(200), "phone" character varying(16), "email" character varying(254), "title" character varying(200), CONSTRAINT "PK_dcbc274112e03d83ed9020c70b1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4557ffa610c0747722ec054eaa" ON "lead_contacts"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2e282b2f3421424772b5cbc194" ON "lead_contacts"  ("phone") `);
    await queryRunner.query(`CREATE INDEX "IDX_81ab136cfc1499d7997d2df4c7" ON "lead_contacts"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "lead_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "kind" character varying(30) NOT NULL, "channel" character varying(20), "actor_id" uuid, "actor_name" character varying(200), "content" text, "outcome" character varying(500), "status_from" character varying(20), "status_to" character varying(20), "grade_from" character varying(10), "grade_to" character varying(10), "details" jsonb, CONSTRAINT "PK_1aa1cc6988a817368568ca26bf1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c96ec867b80e789047a3831409" ON "lead_activities"  ("lead_id", "occurred_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_contacts" ADD CONSTRAINT "FK_4557ffa610c0747722ec054eaa2" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_activities" ADD CONSTRAINT "FK_26316cb0e146683e9e8aee237d4" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_activities" DROP CONSTRAINT "FK_26316cb0e146683e9e8aee237d4"`);
    await queryRunner.query(`ALTER TABLE "lead_contacts" DROP CONSTRAINT "FK_4557ffa610c0747722ec054eaa2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c96ec867b80e789047a3831409"`);
    await queryRunner.query(`DROP TABLE "lead_activities"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_81ab136cfc1499d7997d2df4c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e282b2f3421424772b5cbc194"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4557ffa610c0747722ec054eaa"`);
    await queryRunner.query(`DROP TABLE "lead_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3943ba5bec26fd45d51b2ae2a4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b09800e578ad486ed0036b6dd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e1b780441c3b62a984b6e50cd8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6276c6de816f74cd36cf35270f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_491b018d616822bd64ce7d4726"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b9746721c63aa8622661600eb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e81703aa0f421396816c832a13"`);
    await queryRunner.query(`DROP TABLE "leads"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1d4f23830d93ae1939449171d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ff8e82f0f29d5bf3a877f780b3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8536b8b85c06969f84f0c098b0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_88acd889fbe17d0e16cc4bc917"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d45ee97256ff577ca533f13e42"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d4b23566ce0986a2b53eede8c8"`);
    await queryRunner.query(`DROP TABLE "customers"`);
  }
}
