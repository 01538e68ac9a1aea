import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { hashSecret } from '../../common/auth/password';
import { Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQuery, paginate } from '../../common/pagination/pagination';
import { updateVersioned } from '../../common/http/versioned-update';
import { AccountLinks } from './account-links';
import { ApiClient } from './api-client.entity';
import { TokenStatusService } from './token-status.service';
import {
  CreateApiClientDto,
  CreateUserDto,
  ListUsersQuery,
  UpdateApiClientDto,
  UpdateUserDto,
} from './users.dto';
import { User } from './user.entity';

/** Roles that act for one vendor must carry that vendor (and reps their rep record); others must not. */
function checkLinks(role: Role, vendorId: string | undefined, repId: string | undefined): void {
  const errors = [];
  const vendorBound = role === Role.VENDOR_MANAGER || role === Role.REP;
  if (vendorBound && !vendorId) errors.push({ field: 'vendorId', message: `is required for role ${role}` });
  if (!vendorBound && vendorId) errors.push({ field: 'vendorId', message: `must be empty for role ${role}` });
  if (role === Role.REP && !repId) errors.push({ field: 'repId', message: 'is required for role rep' });
  if (role !== Role.REP && repId) errors.push({ field: 'repId', message: `must be empty for role ${role}` });
  if (role === Role.INTEGRATION) {
    errors.push({ field: 'role', message: 'integration clients are created as API clients, not users' });
  }
  if (errors.length) throw DomainException.validation(errors);
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiClient) private readonly clients: Repository<ApiClient>,
    private readonly tokens: TokenStatusService,
    private readonly links: AccountLinks,
  ) {}

  /** Seeding and the operator's command line: the caller vouches for the vendor and rep it names. */
  createUser(input: CreateUserDto): Promise<User> {
    return this.insertUser(this.users.manager, input);
  }

  /**
   * Entry point of `POST /users`: the vendor must exist and still work with us, a rep user's rep must be
   * that vendor's and have no login yet — checked in the creating transaction, so a refusal writes nothing.
   */
  createUserForRequest(input: CreateUserDto): Promise<User> {
    return this.users.manager.transaction(async (em) => {
      const user = await this.insertUser(em, input);
      if (user.repId && (await this.findRepLoginOtherThan(em, user.repId, user.id))) {
        throw DomainException.of(ErrorCode.REP_LOGIN_EXISTS, `Rep ${user.repId} already has a login`);
      }
      await this.links.verify(em, {
        kind: 'user',
        id: user.id,
        role: user.role,
        vendorId: user.vendorId,
        repId: user.repId,
      });
      return user;
    });
  }

  private async findRepLoginOtherThan(
    manager: EntityManager,
    repId: string,
    userId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE rep_id = $1 AND role = $2 AND id <> $3 LIMIT 1`,
      [repId, Role.REP, userId],
    );
    return rows.length > 0;
  }

  /**
   * A rep's login, in the caller's transaction: always role `rep`, bound to the rep's vendor and record,
   * so whoever calls this (a vendor manager through the reps module) can never make any other kind.
   */
  createRepLogin(
    manager: EntityManager,
    input: { email: string; displayName: string; password: string; vendorId: string; repId: string },
  ): Promise<User> {
    return this.insertUser(manager, { ...input, role: Role.REP });
  }

  /** The login of a rep, if it has one (inside the caller's transaction). */
  findRepLogin(manager: EntityManager, repId: string): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ repId, role: Role.REP });
  }

  /** Of these reps, the ones with an active login (inside the caller's transaction). */
  async repIdsWithActiveLogin(manager: EntityManager, repIds: readonly string[]): Promise<string[]> {
    if (repIds.length === 0) return [];
    const rows: { rep_id: string }[] = await manager.query(
      `SELECT DISTINCT rep_id::text FROM users WHERE rep_id = ANY($1::uuid[]) AND role = 'rep' AND active`,
      [repIds],
    );
    return rows.map((row) => row.rep_id);
  }

  /**
   * The active people of these roles with their vendor and rep links (inside the caller's transaction),
   * e.g. the recipients of the scheduler's alert digests.
   */
  listActiveUsersByRole(
    manager: EntityManager,
    roles: readonly Role[],
  ): Promise<{ userId: string; role: Role; vendorId: string | null; repId: string | null }[]> {
    return manager.query(
      `SELECT id AS "userId", role, vendor_id AS "vendorId", rep_id AS "repId"
         FROM users WHERE active AND role = ANY($1::text[]) ORDER BY id`,
      [roles],
    );
  }

  private async insertUser(manager: EntityManager, input: CreateUserDto): Promise<User> {
    checkLinks(input.role, input.vendorId, input.repId);
    const users = manager.getRepository(User);
    const existing = await users.existsBy({ email: input.email });
    if (existing) {
      throw DomainException.of(ErrorCode.EMAIL_TAKEN, `A user with email ${input.email} already exists`);
    }
    const user = users.create({
      email: input.email,
      displayName: input.displayName,
      passwordHash: await hashSecret(input.password),
      role: input.role,
      vendorId: input.vendorId ?? null,
      repId: input.repId ?? null,
    });
    return users.save(user);
  }

  listUsers(query: ListUsersQuery): Promise<Page<User>> {
    const builder = this.users.createQueryBuilder('user');
    if (query.role) builder.andWhere('user.role = :role', { role: query.role });
    if (query.vendorId) builder.andWhere('user.vendor_id = :vendorId', { vendorId: query.vendorId });
    return paginate(builder, query, [
      { expression: 'user.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'user.id', read: (row) => row.id },
    ]);
  }

  /** `manager`: read inside the caller's transaction (never a second connection while holding one). */
  async getUser(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.getRepository(User).findOneBy({ id });
    if (!user) throw DomainException.notFound('User', id);
    return user;
  }

  /** The user signing in with this email (case-insensitive), or null. */
  async findUserByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  /** Entry point of `GET /users/{id}`: a read outside any transaction. */
  getUserForRequest(id: string): Promise<User> {
    return this.getUser(this.users.manager, id);
  }

  /** Optimistic locking: the update applies only if the version is still the one the caller read. */
  async updateUser(id: string, input: UpdateUserDto, expectedVersion: number | undefined): Promise<User> {
    const user = await this.getUser(this.users.manager, id);
    const changes: Partial<User> = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.active !== undefined) changes.active = input.active;
    if (input.password !== undefined) changes.passwordHash = await hashSecret(input.password);
    // Switching a user off or changing the password ends every token already handed out.
    const revoke = input.active === false || input.password !== undefined;
    if (revoke) changes.tokenGeneration = user.tokenGeneration + 1;
    const updated = await updateVersioned(this.users.manager, User, user, changes, expectedVersion);
    this.tokens.forget('user', id);
    return updated;
  }

  async getApiClient(id: string): Promise<ApiClient> {
    const client = await this.clients.findOneBy({ id });
    if (!client) throw DomainException.notFound('API client', id);
    return client;
  }

  /** Renames or switches off an integration client; switching it off ends its tokens at once. */
  async updateApiClient(
    id: string,
    input: UpdateApiClientDto,
    expectedVersion: number | undefined,
  ): Promise<ApiClient> {
    const client = await this.getApiClient(id);
    const changes: Partial<ApiClient> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.active !== undefined) changes.active = input.active;
    if (input.active === false) changes.tokenGeneration = client.tokenGeneration + 1;
    const updated = await updateVersioned(this.clients.manager, ApiClient, client, changes, expectedVersion);
    this.tokens.forget('api_client', id);
    return updated;
  }

  /** Seeding: the caller vouches for the vendor it names. */
  createApiClient(input: CreateApiClientDto): Promise<{ client: ApiClient; secret: string }> {
    return this.insertApiClient(this.clients.manager, input);
  }

  /** Entry point of `POST /api-clients`: a vendor-bound client's vendor must exist and still work with us. */
  createApiClientForRequest(input: CreateApiClientDto): Promise<{ client: ApiClient; secret: string }> {
    return this.clients.manager.transaction(async (em) => {
      const created = await this.insertApiClient(em, input);
      await this.links.verify(em, {
        kind: 'api_client',
        id: created.client.id,
        role: Role.INTEGRATION,
        vendorId: created.client.vendorId,
        repId: null,
      });
      return created;
    });
  }

  private async insertApiClient(
    manager: EntityManager,
    input: CreateApiClientDto,
  ): Promise<{ client: ApiClient; secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    const clients = manager.getRepository(ApiClient);
    const client = await clients.save(
      clients.create({
        clientId: `osm_${randomBytes(8).toString('hex')}`,
        name: input.name,
        secretHash: await hashSecret(secret),
        vendorId: input.vendorId ?? null,
      }),
    );
    return { client, secret };
  }

  listApiClients(query: PageQuery): Promise<Page<ApiClient>> {
    return paginate(this.clients.createQueryBuilder('client'), query, [
      { expression: 'client.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'client.id', read: (row) => row.id },
    ]);
  }

  /**
   * Ends the access of every user and API client of an offboarded vendor at once: switched off, token
   * generation raised. Runs in the caller's transaction; call `forgetRevoked` after it commits.
   */
  async revokeVendorAccess(manager: EntityManager, vendorId: string): Promise<RevokedAccess> {
    const [users]: [RevokedAccess['users'], number] = await manager.query(
      `UPDATE users SET active = false, token_generation = token_generation + 1, updated_at = now(),
              version = version + 1
        WHERE vendor_id = $1 AND active RETURNING id::text, email, role`,
      [vendorId],
    );
    const [apiClients]: [RevokedAccess['apiClients'], number] = await manager.query(
      `UPDATE api_clients SET active = false, token_generation = token_generation + 1, updated_at = now(),
              version = version + 1
        WHERE vendor_id = $1 AND active RETURNING id::text, client_id AS "clientId", name`,
      [vendorId],
    );
    return { users, apiClients };
  }

  /** After the revoking transaction committed, so this replica cannot cache the old standing again. */
  forgetRevoked(revoked: RevokedAccess): void {
    for (const user of revoked.users) this.tokens.forget('user', user.id);
    for (const client of revoked.apiClients) this.tokens.forget('api_client', client.id);
  }

  countUsers(): Promise<number> {
    return this.users.count();
  }
}

export interface RevokedAccess {
  users: { id: string; email: string; role: Role }[];
  apiClients: { id: string; clientId: string; name: string }[];
}
