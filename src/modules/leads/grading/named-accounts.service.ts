import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { Principal } from '../../../common/auth/role';
import { DomainException, type FieldError } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { Page, paginate } from '../../../common/pagination/pagination';
import { containsPattern } from '../../../database/sql-helpers';
import { DedupeKey } from '../lead.enums';
import { LeadGradingService } from './lead-grading.service';
import { ImportOutcome, ImportRowResultDto, rowResult } from '../intake/lead-imports.dto';
import { lockLeadIntake } from '../intake/lead-intake-lock';
import { normaliseCompanyName, normaliseTaxId } from '../intake/lead-keys.rules';
import { NamedAccount } from './named-account.entity';
import type { ListNamedAccountsQuery, NamedAccountInputDto } from './named-accounts.dto';
import { insertRecordset } from '../recordset';

export const NAMED_ACCOUNT_COLUMNS = [
  ['id', 'uuid'],
  ['company_name', 'text'],
  ['company_name_key', 'text'],
  ['tax_id', 'text'],
  ['tax_id_key', 'text'],
  ['note', 'text'],
  ['created_by', 'uuid'],
] as const;

interface PreparedAccount {
  row: number;
  value: {
    id: string;
    company_name: string;
    company_name_key: string;
    tax_id: string | null;
    tax_id_key: string | null;
    note: string | null;
    created_by: string;
  };
}

type KeyMatch = { key: DedupeKey.TAX_ID | DedupeKey.COMPANY_NAME; id: string; row?: number };

/** Normalises one entry with the lead dedupe rules; the first bad field makes it fail. */
export function prepareNamedAccount(
  row: number,
  input: NamedAccountInputDto,
  actor: Principal,
): { ok: true; account: PreparedAccount } | { ok: false; error: FieldError } {
  const companyNameKey = normaliseCompanyName(input.companyName);
  if (companyNameKey.length === 0)
    return { ok: false, error: { field: 'companyName', message: 'has no letters or digits' } };
  const taxId = input.taxId?.trim() || null;
  let taxIdKey: string | null = null;
  if (taxId) {
    const result = normaliseTaxId(taxId);
    if (!result.ok) return { ok: false, error: { field: 'taxId', message: result.message } };
    taxIdKey = result.value;
  }
  return {
    ok: true,
    account: {
      row,
      value: {
        id: randomUUID(),
        company_name: input.companyName.trim(),
        company_name_key: companyNameKey,
        tax_id: taxId,
        tax_id_key: taxIdKey,
        note: input.note?.trim() || null,
        created_by: actor.subjectId,
      },
    },
  };
}

/**
 * The named-account list. Adding or removing an account re-grades the leads with its keys in the same
 * transaction, so their key-lead flag follows at once.
 */
@Injectable()
export class NamedAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly grading: LeadGradingService,
    private readonly audit: AuditService,
  ) {}

  listNamedAccounts(query: ListNamedAccountsQuery): Promise<Page<NamedAccount>> {
    const builder = this.dataSource.getRepository(NamedAccount).createQueryBuilder('account');
    if (query.companyName) {
      builder.andWhere('account.company_name_key LIKE :nameKey', {
        nameKey: containsPattern(normaliseCompanyName(query.companyName)),
      });
    }
    return paginate(builder, query, [
      { expression: 'account.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'account.id', read: (row) => row.id },
    ]);
  }

  async getNamedAccount(id: string): Promise<NamedAccount> {
    const account = await this.dataSource.getRepository(NamedAccount).findOneBy({ id });
    if (!account) throw DomainException.notFound('Named account', id);
    return account;
  }

  /** Adds one account; 409 NAMED_ACCOUNT_DUPLICATE when its tax id or name key is already listed. */
  async createNamedAccount(input: NamedAccountInputDto, actor: Principal): Promise<NamedAccount> {
    const prepared = prepareNamedAccount(0, input, actor);
    if (!prepared.ok) throw DomainException.validation([prepared.error]);
    const id = await this.dataSource.transaction(async (em) => {
      const [result] = await this.addAccounts(em, [prepared.account], actor);
      if (result.outcome === ImportOutcome.DUPLICATE)
        throw DomainException.of(
          ErrorCode.NAMED_ACCOUNT_DUPLICATE,
          `The company is already a named account (matched on ${result.matchedOn})`,
          { duplicateOfNamedAccountId: result.id, matchedOn: result.matchedOn },
        );
      return result.id!;
    });
    return this.getNamedAccount(id);
  }

  /** Adds up to 1 000 accounts with a result per row: created, duplicate (of which) or rejected (field). */
  async importNamedAccounts(rows: NamedAccountInputDto[], actor: Principal): Promise<ImportRowResultDto[]> {
    const results = new Array<ImportRowResultDto>(rows.length);
    const prepared: PreparedAccount[] = [];
    rows.forEach((input, row) => {
      const outcome = prepareNamedAccount(row, input, actor);
      if (outcome.ok) prepared.push(outcome.account);
      else
        results[row] = rowResult(row, ImportOutcome.REJECTED, {
          code: ErrorCode.VALIDATION_FAILED,
          field: outcome.error.field,
          reason: `${outcome.error.field} ${outcome.error.message}`,
        });
    });
    await this.dataSource.transaction(async (em) => {
      for (const result of await this.addAccounts(em, prepared, actor)) results[result.row] = result;
    });
    return results;
  }

  /** Removes an account; leads flagged only because of it lose the rule flag. */
  async deleteNamedAccount(id: string, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await lockLeadIntake(em);
      const account = await em
        .getRepository(NamedAccount)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw DomainException.notFound('Named account', id);
      await em.getRepository(NamedAccount).delete({ id });
      await this.audit.record(em, actor, {
        entityType: 'named_account',
        entityId: id,
        action: 'delete',
        before: account,
      });
      await this.regradeLeadsWithKeys(em, [account.taxIdKey], [account.companyNameKey], actor);
    });
  }

  /**
   * Classifies against the list and earlier rows (one lookup), inserts the new accounts (one INSERT),
   * audits them and re-grades the leads they name. Serialised with intake and key edits by the intake lock
   * (a lead taken in meanwhile is either seen by the re-grading or sees the new account); the unique
   * indexes on the keys back it up.
   */
  private async addAccounts(
    em: EntityManager,
    accounts: PreparedAccount[],
    actor: Principal,
  ): Promise<ImportRowResultDto[]> {
    if (accounts.length === 0) return [];
    await lockLeadIntake(em);
    const taxIds = accounts.map((account) => account.value.tax_id_key).filter((key): key is string => !!key);
    const names = accounts.map((account) => account.value.company_name_key);
    const existing: { id: string; tax_id_key: string | null; company_name_key: string }[] = await em.query(
      `SELECT id, tax_id_key, company_name_key FROM named_accounts
        WHERE tax_id_key = ANY($1::text[]) OR company_name_key = ANY($2::text[])`,
      [taxIds, names],
    );
    const known = new Map<string, KeyMatch>();
    for (const row of existing) {
      if (row.tax_id_key)
        known.set(`${DedupeKey.TAX_ID}:${row.tax_id_key}`, { key: DedupeKey.TAX_ID, id: row.id });
      known.set(`${DedupeKey.COMPANY_NAME}:${row.company_name_key}`, {
        key: DedupeKey.COMPANY_NAME,
        id: row.id,
      });
    }
    const results: ImportRowResultDto[] = [];
    const created: PreparedAccount['value'][] = [];
    for (const { row, value } of accounts) {
      const keys = [
        ...(value.tax_id_key ? [`${DedupeKey.TAX_ID}:${value.tax_id_key}`] : []),
        `${DedupeKey.COMPANY_NAME}:${value.company_name_key}`,
      ];
      const match = keys.map((key) => known.get(key)).find((found) => found !== undefined);
      if (match) {
        results.push(
          rowResult(row, ImportOutcome.DUPLICATE, {
            id: match.id,
            matchedOn: match.key,
            duplicateOfRow: match.row ?? null,
          }),
        );
        continue;
      }
      for (const key of keys)
        known.set(key, {
          key: key.startsWith(DedupeKey.TAX_ID) ? DedupeKey.TAX_ID : DedupeKey.COMPANY_NAME,
          id: value.id,
          row,
        });
      created.push(value);
      results.push(rowResult(row, ImportOutcome.CREATED, { id: value.id }));
    }
    await insertRecordset(em, 'named_accounts', NAMED_ACCOUNT_COLUMNS, created);
    await this.audit.record(
      em,
      actor,
      ...created.map((value) => ({
        entityType: 'named_account',
        entityId: value.id,
        action: 'create',
        after: {
          companyName: value.company_name,
          companyNameKey: value.company_name_key,
          taxId: value.tax_id,
          taxIdKey: value.tax_id_key,
          note: value.note,
        },
      })),
    );
    await this.regradeLeadsWithKeys(
      em,
      created.map((value) => value.tax_id_key),
      created.map((value) => value.company_name_key),
      actor,
    );
    return results;
  }

  private async regradeLeadsWithKeys(
    em: EntityManager,
    taxIdKeys: (string | null)[],
    nameKeys: string[],
    actor: Principal,
  ): Promise<void> {
    const ids = await this.grading.leadIdsMatchingKeys(
      em,
      taxIdKeys.filter((key): key is string => !!key),
      nameKeys,
    );
    await this.grading.regrade(em, ids, actor);
  }
}
