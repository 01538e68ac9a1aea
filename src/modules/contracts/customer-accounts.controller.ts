import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal } from '../../common/auth/role';
import { ContactReadsRecorder, GetCustomerQuery } from '../leads/leads.published';
import { CustomerAccountDto } from './customer-account.dto';
import { CustomerAccountsService } from './customer-accounts.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('customers')
@Controller('customers')
export class CustomerAccountsController {
  constructor(
    private readonly accounts: CustomerAccountsService,
    private readonly contactReads: ContactReadsRecorder,
  ) {}

  @Get(':id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get a customer as an account: contracts, trailing-12-month revenue, open leads, call reports',
    description:
      'A customer outside the caller’s scope is 404 (a vendor sees its own customers). Inside, the parts ' +
      'follow their own scope: a rep sees their own contracts and leads, a vendor manager its vendor’s. ' +
      'Revenue is payments less refunds paid in the trailing 12 months ending today (UTC), one total per ' +
      'currency — never added across currencies.',
    ok: CustomerAccountDto,
    problems: [400, 404],
  })
  async getCustomer(
    @UuidParam('id') id: string,
    @Query() query: GetCustomerQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerAccountDto> {
    const account = await this.accounts.getCustomerAccount(id, scope);
    await this.contactReads.recordCustomers([account], principal, query.purpose);
    return account;
  }
}
