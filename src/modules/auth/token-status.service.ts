import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessTokenClaims, TokenStatus } from '../../common/auth/jwt.strategy';

/** How long one replica trusts what it read about a subject; other replicas see a revocation this late. */
const CACHE_MILLISECONDS = 10_000;
const CACHE_MAX_ENTRIES = 10_000;

interface Standing {
  active: boolean;
  generation: number;
  readUntil: number;
}

/**
 * Access tokens are signed JWTs, but deactivating a user or API client, or changing a password, ends the
 * tokens already handed out: a token carries its subject's token generation, the change raises it, and
 * every request compares. The standing is read from the database at most once per subject every ten
 * seconds per replica, and afresh at once on the replica that made the change.
 */
@Injectable()
export class TokenStatusService extends TokenStatus {
  private readonly standings = new Map<string, Standing>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async isCurrent(kind: AccessTokenClaims['kind'], subjectId: string, generation: number): Promise<boolean> {
    const key = `${kind}:${subjectId}`;
    let standing = this.standings.get(key);
    // A token newer than what this replica read (another replica raised the generation or switched the
    // subject back on) is never refused on a stale reading: read again.
    if (
      !standing ||
      standing.readUntil < Date.now() ||
      generation > standing.generation ||
      (!standing.active && generation === standing.generation)
    ) {
      standing = await this.read(kind, subjectId);
      if (this.standings.size >= CACHE_MAX_ENTRIES) this.standings.clear();
      this.standings.set(key, standing);
    }
    return standing.active && generation === standing.generation;
  }

  /** Called where a subject's standing changes, so this replica stops trusting old tokens at once. */
  forget(kind: AccessTokenClaims['kind'], subjectId: string): void {
    this.standings.delete(`${kind}:${subjectId}`);
  }

  private async read(kind: AccessTokenClaims['kind'], subjectId: string): Promise<Standing> {
    const table = kind === 'user' ? 'users' : 'api_clients';
    const rows: { active: boolean; token_generation: number }[] = await this.dataSource.query(
      `SELECT active, token_generation FROM ${table} WHERE id = $1`,
      [subjectId],
    );
    return {
      active: rows[0]?.active ?? false,
      generation: rows[0]?.token_generation ?? -1,
      readUntil: Date.now() + CACHE_MILLISECONDS,
    };
  }
}
