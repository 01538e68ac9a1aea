import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogAndAuditLog1795470952224 implements MigrationInterface {
  name = 'CatalogAndAuditLog1795470952224';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "entity_type" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "vendor_id" uuid, "action" character varying(40) NOT NULL, "actor_subject_id" character varying(100) NOT NULL, "actor_role" character varying(20) NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "before" jsonb, "after" jsonb, "changed_fields" text array NOT NULL DEFAULT '{}', "reason" character varying(500), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8db700801bea785b1d6dab840c" ON "audit_log"  ("vendor_id", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c90b869e72230a796448270652" ON "audit_log"  ("entity_type", "entity_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "code" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(2000), "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_bd3638b15bb73a38ea6e67c5bec" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6d49aecb61568bccf5ddaa70ee" ON "product_lines"  ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "products" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "product_line_id" uuid NOT NULL, "sku" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "currency" character(3) NOT NULL, "list_price_minor" bigint NOT NULL, "floor_price_minor" bigint NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_products_prices" CHECK ("floor_price_minor" >= 0 AND "floor_price_minor" <= "list_price_minor"), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0f63aaed4d0243effa0b9054de" ON "products"  ("product_line_id") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c44ac33a05b144dd0d9ddcf932" ON "products"  ("sku") `);
    await queryRunner.query(
      `CREATE TABLE "bundles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "sku" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "currency" character(3) NOT NULL, "price_minor" bigint NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_bundles_price" CHECK ("price_minor" >= 0), CONSTRAINT "PK_a9118b2e4597aede4d5d4c43433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b60d7b52596135b4f7ef965795" ON "bundles"  ("sku") `);
    await queryRunner.query(
      `CREATE TABLE "bundle_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "bundle_id" uuid NOT NULL, "product_id" uuid NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "CHK_bundle_items_quantity" CHECK ("quantity" > 0), CONSTRAINT "PK_a455144e23de2139ebeb3461e83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_95b9eb75eaeeaa5a491a5d9a15" ON "bundle_items"  ("product_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4920e355edc8eb98850701e645" ON "bundle_items"  ("bundle_id", "product_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_0f63aaed4d0243effa0b9054de7" FOREIGN KEY ("product_line_id") REFERENCES "product_lines"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bundle_items" ADD CONSTRAINT "FK_204a2f0fd03ca0efbf9db586b7f" FOREIGN KEY ("bundle_id") REFERENCES "bundles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bundle_items" ADD CONSTRAINT "FK_95b9eb75eaeeaa5a491a5d9a15f" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bundle_items" DROP CONSTRAINT "FK_95b9eb75eaeeaa5a491a5d9a15f"`);
    await queryRunner.query(`ALTER TABLE "bundle_items" DROP CONSTRAINT "FK_204a2f0fd03ca0efbf9db586b7f"`);
    await queryRunner.query(`ALTER TABLE "products" DROP CONSTRAINT "FK_0f63aaed4d0243effa0b9054de7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4920e355edc8eb98850701e645"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95b9eb75eaeeaa5a491a5d9a15"`);
    await queryRunner.query(`DROP TABLE "bundle_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b60d7b52596135b4f7ef965795"`);
    await queryRunner.query(`DROP TABLE "bundles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c44ac33a05b144dd0d9ddcf932"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f63aaed4d0243effa0b9054de"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6d49aecb61568bccf5ddaa70ee"`);
    await queryRunner.query(`DROP TABLE "product_lines"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c90b869e72230a796448270652"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8db700801bea785b1d6dab840c"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
