import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/role';
import { DomainException, FieldError } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { checkMappingRules, ImportMappingRules, ImportMappingTarget } from './import-mapping.rules';
import { findPreset, IMPORT_MAPPING_PRESETS, ImportMappingPreset } from './import-mapping-presets';
import { ImportMapping } from './import-mapping.entity';
import { ImportMappingDto, ImportMappingInputDto, ReplaceImportMappingDto } from './import-mappings.dto';

const MAX_COLUMNS = 500;
const MAX_VALUES_PER_COLUMN = 500;
const MAX_TEXT = 200;

/** A mapping ready to apply, saved or shipped. */
export interface ResolvedMapping extends ImportMappingRules {
  name: string;
}

/** Saved column mappings (CRUD) beside the read-only presets, and the lookup imports use. */
@Injectable()
export class ImportMappingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listMappings(): Promise<ImportMappingDto[]> {
    const saved = await this.dataSource.getRepository(ImportMapping).find({ order: { name: 'ASC' } });
    return [...IMPORT_MAPPING_PRESETS.map(mapPreset), ...saved.map(mapSaved)];
  }

  async getMapping(name: string): Promise<ImportMappingDto> {
    const preset = findPreset(name);
    if (preset) return mapPreset(preset);
    const saved = await this.dataSource.getRepository(ImportMapping).findOneBy({ name });
    if (!saved) throw DomainException.notFound('Import mapping', name);
    return mapSaved(saved);
  }

  async createMapping(input: ImportMappingInputDto, actor: Principal): Promise<ImportMappingDto> {
    if (findPreset(input.name))
      throw new DomainException(
        ErrorCode.IMPORT_MAPPING_NAME_TAKEN,
        `${input.name} is the name of a shipped preset; choose another`,
        [{ field: 'name', message: 'is taken by a preset' }],
      );
    const rules = checkedRules(input);
    const repository = this.dataSource.getRepository(ImportMapping);
    if (await repository.existsBy({ name: input.name })) throw nameTaken(input.name);
    try {
      const saved = await repository.save(
        repository.create({
          name: input.name,
          target: rules.target,
          description: input.description ?? null,
          columns: rules.columns,
          valueMaps: rules.values,
          ignoreUnknownColumns: rules.ignoreUnknownColumns,
          createdBy: actor.subjectId,
        }),
      );
      return mapSaved(saved);
    } catch (error) {
      // Two saves of one name at once: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw nameTaken(input.name);
      throw error;
    }
  }

  /** Replaces the whole mapping; a stale If-Match is 412. */
  async replaceMapping(
    name: string,
    input: ReplaceImportMappingDto,
    expectedVersion: number | undefined,
  ): Promise<ImportMappingDto> {
    if (findPreset(name)) throw readOnly(name);
    const rules = checkedRules(input);
    return this.dataSource.transaction(async (em) => {
      const current = await em
        .getRepository(ImportMapping)
        .createQueryBuilder('m')
        .where('m.name = :name', { name })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw DomainException.notFound('Import mapping', name);
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        throw DomainException.versionMismatch(current.version);
      current.target = rules.target;
      current.description = input.description ?? null;
      current.columns = rules.columns;
      current.valueMaps = rules.values;
      current.ignoreUnknownColumns = rules.ignoreUnknownColumns;
      return mapSaved(await em.getRepository(ImportMapping).save(current));
    });
  }

  async deleteMapping(name: string, expectedVersion: number | undefined): Promise<void> {
    if (findPreset(name)) throw readOnly(name);
    const repository = this.dataSource.getRepository(ImportMapping);
    const current = await repository.findOneBy({ name });
    if (!current) throw DomainException.notFound('Import mapping', name);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw DomainException.versionMismatch(current.version);
    await repository.delete({ id: current.id });
  }

  /** The mapping an import names, which must be one for `target`; refused with 400 naming `mapping`. */
  async resolve(name: string, target: ImportMappingTarget): Promise<ResolvedMapping> {
    const preset = findPreset(name);
    const found: ResolvedMapping | null = preset
      ? { ...preset }
      : await this.dataSource
          .getRepository(ImportMapping)
          .findOneBy({ name })
          .then((saved) => (saved ? { name: saved.name, ...rulesOf(saved) } : null));
    if (!found)
      throw DomainException.validation(
        [{ field: 'mapping', message: `${name} is neither a saved mapping nor a preset` }],
        `There is no import mapping ${name}; GET /import-mappings lists them`,
      );
    if (found.target !== target)
      throw DomainException.validation([
        { field: 'mapping', message: `${name} maps ${found.target}, not ${target}` },
      ]);
    return found;
  }
}

function nameTaken(name: string): DomainException {
  return new DomainException(ErrorCode.IMPORT_MAPPING_NAME_TAKEN, `A mapping named ${name} already exists`, [
    { field: 'name', message: 'is taken' },
  ]);
}

function readOnly(name: string): DomainException {
  return DomainException.of(
    ErrorCode.IMPORT_MAPPING_READ_ONLY,
    `${name} is a shipped preset and cannot be changed; save a copy under another name`,
  );
}

/** Shapes (400), then the mapping rules (422 IMPORT_MAPPING_INVALID naming the key). */
function checkedRules(input: ReplaceImportMappingDto): ImportMappingRules {
  const errors: FieldError[] = [];
  const columns = stringMap(input.columns, 'columns', MAX_COLUMNS, errors);
  const values: Record<string, Record<string, string>> = {};
  const rawValues = input.values as unknown;
  if (typeof rawValues !== 'object' || rawValues === null || Array.isArray(rawValues))
    errors.push({ field: 'values', message: 'must be an object' });
  else
    for (const [column, map] of Object.entries(rawValues as Record<string, unknown>))
      values[column] = stringMap(map, `values.${column}`, MAX_VALUES_PER_COLUMN, errors);
  if (errors.length) throw DomainException.validation(errors);
  const rules: ImportMappingRules = {
    target: input.target,
    columns,
    values,
    ignoreUnknownColumns: input.ignoreUnknownColumns ?? false,
  };
  const ruleErrors = checkMappingRules(rules);
  if (ruleErrors.length)
    throw new DomainException(
      ErrorCode.IMPORT_MAPPING_INVALID,
      `The mapping does not fit OSM's ${rules.target} import: ${ruleErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      ruleErrors,
    );
  return rules;
}

function stringMap(value: unknown, path: string, max: number, errors: FieldError[]): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ field: path, message: 'must be an object of texts' });
    return {};
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > max) errors.push({ field: path, message: `must have at most ${max} entries` });
  const result: Record<string, string> = {};
  for (const [key, text] of entries) {
    if (key.trim() === '' || key.length > MAX_TEXT)
      errors.push({ field: path, message: `keys must be 1–${MAX_TEXT} characters` });
    else if (typeof text !== 'string' || text.length > MAX_TEXT)
      errors.push({ field: `${path}.${key}`, message: `must be a text of at most ${MAX_TEXT} characters` });
    else result[key] = text;
  }
  return result;
}

function rulesOf(saved: ImportMapping): ImportMappingRules {
  return {
    target: saved.target,
    columns: saved.columns,
    values: saved.valueMaps,
    ignoreUnknownColumns: saved.ignoreUnknownColumns,
  };
}

function mapPreset(preset: ImportMappingPreset): ImportMappingDto {
  return {
    name: preset.name,
    target: preset.target,
    description: preset.description,
    columns: preset.columns,
    values: preset.values,
    ignoreUnknownColumns: preset.ignoreUnknownColumns,
    preset: true,
    version: null,
  };
}

function mapSaved(saved: ImportMapping): ImportMappingDto {
  return {
    name: saved.name,
    target: saved.target,
    description: saved.description,
    columns: saved.columns,
    values: saved.valueMaps,
    ignoreUnknownColumns: saved.ignoreUnknownColumns,
    preset: false,
    version: saved.version,
  };
}
