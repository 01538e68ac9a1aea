import type { EntityManager } from 'typeorm';

/** The advisory lock key (through `hashtext`) that intake, key edits and named-account changes share. */
export const LEAD_INTAKE_LOCK = 'osm.lead-intake';

/**
 * Takes the intake lock for the rest of the transaction. Everything that decides a lead's duplicates or its
 * named-account flag takes it — intake, profile edits of dedupe keys, adding or removing a named account —
 * so none of them can read the others' data between their read and their commit.
 */
export async function lockLeadIntake(em: EntityManager): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [LEAD_INTAKE_LOCK]);
}
