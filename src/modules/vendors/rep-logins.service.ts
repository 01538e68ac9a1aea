import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { CreateRepLoginDto, UpdateRepLoginDto } from './rep-logins.dto';
import { Rep } from './rep.entity';
import { repChanged, RepsService } from './reps.service';
import { OutboxService } from '../webhooks/outbox.service';

/**
 * Two-level administration: a vendor manager gives their own vendor's reps a login, switches it off and
 * resets its password. The rep is looked up in the caller's scope (another vendor's rep is 404) and the
 * login is always role `rep` of that rep's vendor, so no other kind of user can be made this way.
 */
@Injectable()
export class RepLoginsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: RepsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  createRepLogin(repId: string, input: CreateRepLoginDto, actor: Principal, scope: DataScope): Promise<User> {
    return this.dataSource.transaction(async (em) => {
      const { rep } = await this.reps.getRep(em, repId, scope);
      await em.findOneOrFail(Rep, { where: { id: rep.id }, lock: { mode: 'pessimistic_write' } });
      if (!rep.active)
        throw DomainException.of(ErrorCode.REP_INACTIVE, `Rep ${rep.id} is inactive and gets no login`);
      if (rep.userId || (await this.users.findRepLogin(em, rep.id)))
        throw DomainException.of(ErrorCode.REP_LOGIN_EXISTS, `Rep ${rep.id} already has a login`);
      const user = await this.users.createRepLogin(em, {
        email: input.email,
        displayName: input.displayName ?? rep.fullName,
        password: input.password,
        vendorId: rep.vendorId,
        repId: rep.id,
      });
      await em.update(Rep, rep.id, { userId: user.id, version: () => 'version + 1' });
      const bound = await em.findOneByOrFail(Rep, { id: rep.id });
      await this.outbox.publish(em, [repChanged(bound, 'updated', ['userId'])]);
      await this.audit.record(em, actor, {
        entityType: 'user',
        entityId: user.id,
        vendorId: rep.vendorId,
        action: 'create_rep_login',
        after: { email: user.email, role: user.role, repId: rep.id },
      });
      return user;
    });
  }

  async getRepLogin(repId: string, scope: DataScope): Promise<User> {
    return this.dataSource.transaction(async (em) => {
      const { rep } = await this.reps.getRep(em, repId, scope);
      const login = await this.users.findRepLogin(em, rep.id);
      if (!login) throw DomainException.notFound('Login of rep', repId);
      return login;
    });
  }

  /** Switch off or reset: both end the tokens already handed out (the users service raises the generation). */
  async updateRepLogin(
    repId: string,
    input: UpdateRepLoginDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<User> {
    const login = await this.getRepLogin(repId, scope);
    const updated = await this.users.updateUser(login.id, input, undefined);
    await this.dataSource.transaction((em) =>
      this.audit.record(em, actor, {
        entityType: 'user',
        entityId: login.id,
        vendorId: login.vendorId,
        action: 'update_rep_login',
        before: { active: login.active },
        after: { active: updated.active, passwordReset: input.password !== undefined },
      }),
    );
    return updated;
  }
}
