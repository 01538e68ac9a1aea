import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadGradingSettingsAndNamedAccounts1795481500000 implements MigrationInterface {
  name = 'LeadGradingSettingsAndNamedAccounts1795481500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_grading_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "high_cut_off" integer NOT NULL, "medium_cut_off" integer NOT NULL, "dead_after_untouched_days" integer NOT NULL, "points" jsonb NOT NULL, CONSTRAINT "lead_grading_settings_dead_days" CHECK ("dead_after_untouched_days" BETWEEN 1 AND 3650), CONSTRAINT "lead_grading_settings_cut_offs" CHECK ("medium_cut_off" > 0 AND "medium_cut_off" < "high_cut_off" AND "high_cut_off" <= 100), CONSTRAINT "lead_grading_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_877b27257e619af1122a2bd4a83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "lead_grading_settings_single_row" ON "lead_grading_settings"  ("singleton") `,
    );
    // The settings grading used until now, written out here so later changes to the code defaults do not
    // rewrite history.
    await queryRunner.query(
      `INSERT INTO "lead_grading_settings" ("high_cut_off", "medium_cut_off", "dead_after_untouched_days", "points")
       VALUES (60, 35, 90, $1::jsonb)`,
      [
        JSON.stringify({
          industryKnown: 10,
          sizeBand: { micro: 0, small: 5, medium: 10, large: 20, enterprise: 20 },
          regionInScope: 15,
          perTouch: 4,
          touchesCounted: 5,
          recentWithin7Days: 15,
          recentWithin30Days: 8,
          source: {
            referral: 20,
            partner: 15,
            invoice: 15,
            event: 12,
            web_form: 10,
            app: 8,
            h5: 6,
            pc: 6,
            api: 6,
            import: 4,
          },
        }),
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "named_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "company_name" character varying(300) NOT NULL, "company_name_key" character varying(300) NOT NULL, "tax_id" character varying(40), "tax_id_key" character varying(40), "note" character varying(1000), "created_by" uuid NOT NULL, CONSTRAINT "PK_4837cadd6fd22270bd7eb03a889" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "named_accounts_tax_id_key" ON "named_accounts"  ("tax_id_key") WHERE tax_id_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "named_accounts_company_name_key" ON "named_accounts"  ("company_name_key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."named_accounts_company_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."named_accounts_tax_id_key"`);
    await queryRunner.query(`DROP TABLE "named_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."lead_grading_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "lead_grading_settings"`);
  }
}
