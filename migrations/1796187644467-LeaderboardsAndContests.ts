import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeaderboardsAndContests1796187644467 implements MigrationInterface {
  name = 'LeaderboardsAndContests1796187644467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "leaderboard_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "reps_see_peer_names" boolean NOT NULL, CONSTRAINT "leaderboard_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_0580105c194bbc71cb9fb0048f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "leaderboard_settings_single_row" ON "leaderboard_settings"  ("singleton") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "subject" character varying(10) NOT NULL, "metric" character varying(40) NOT NULL, "period_key" character varying(10) NOT NULL, "period_kind" character varying(10) NOT NULL, "eligible_vendor_ids" uuid array NOT NULL DEFAULT '{}', "eligible_rep_ids" uuid array NOT NULL DEFAULT '{}', "prize_tiers" jsonb NOT NULL, "status" character varying(10) NOT NULL, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid, CONSTRAINT "PK_0b8012f5cf6f444a52179e1227a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "contests_status_period" ON "contests"  ("status", "period_key") `);
    await queryRunner.query(
      `CREATE TABLE "contest_standings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contest_id" uuid NOT NULL, "position" integer NOT NULL, "rank" integer, "subject_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "value" numeric(5,2), "prize" character varying(200), CONSTRAINT "PK_e96bfad80d4d514aec0e65d1222" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contest_standings_subject" ON "contest_standings"  ("contest_id", "subject_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contest_standings" ADD CONSTRAINT "FK_1cd1ab8f2106dbaa1a3ea3a985a" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contest_standings" DROP CONSTRAINT "FK_1cd1ab8f2106dbaa1a3ea3a985a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."contest_standings_subject"`);
    await queryRunner.query(`DROP TABLE "contest_standings"`);
    await queryRunner.query(`DROP INDEX "public"."contests_status_period"`);
    await queryRunner.query(`DROP TABLE "contests"`);
    await queryRunner.query(`DROP INDEX "public"."leaderboard_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "leaderboard_settings"`);
  }
}
