import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExchangeRates1796170937702 implements MigrationInterface {
  name = 'ExchangeRates1796170937702';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_rates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "rate_on" date NOT NULL, "from_currency" character(3) NOT NULL, "to_currency" character(3) NOT NULL, "rate" numeric(20,10) NOT NULL, CONSTRAINT "exchange_rates_two_currencies" CHECK ("from_currency" <> "to_currency"), CONSTRAINT "exchange_rates_rate_positive" CHECK ("rate" > 0), CONSTRAINT "PK_33a614bad9e61956079d817ebe2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8de27352856f6b0c63ea10b15b" ON "exchange_rates"  ("from_currency", "to_currency", "rate_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "money_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "reporting_currency" character(3) NOT NULL, CONSTRAINT "money_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_682b403e5e5634e4f7ba2691858" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "money_settings_single_row" ON "money_settings"  ("singleton") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."money_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "money_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8de27352856f6b0c63ea10b15b"`);
    await queryRunner.query(`DROP TABLE "exchange_rates"`);
  }
}
