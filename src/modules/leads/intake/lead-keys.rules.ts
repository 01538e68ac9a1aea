/**
 * Pure normalisation of the keys that decide whether two leads (or a lead and a customer) are the same
 * company: tax id, company name, phone (E.164) and email. Works on Unicode text: NFKC folds full-width
 * forms (ＡＢＣ，（）＠) to their half-width equivalents before anything else runs.
 */

/** NFKC (full-width → half-width, compatibility forms) and trimmed. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').trim();
}

// Multi-word legal forms first (longest match wins), written as they read after folding and lower-casing.
const LATIN_LEGAL_PHRASES: string[][] = [
  ['korlatolt', 'felelossegu', 'tarsasag'],
  ['zartkoruen', 'mukodo', 'reszvenytarsasag'],
  ['nyilvanosan', 'mukodo', 'reszvenytarsasag'],
  ['beteti', 'tarsasag'],
  ['kozkereseti', 'tarsasag'],
  ['co', 'ltd'],
  ['company', 'limited'],
  ['gmbh', 'co', 'kg'],
  ['s', 'r', 'o'],
  ['s', 'r', 'l'],
];

const LATIN_LEGAL_TOKENS = new Set([
  // Hungary
  'kft',
  'zrt',
  'nyrt',
  'bt',
  'kkt',
  'rt',
  'ev',
  // German-speaking
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'se',
  // English
  'ltd',
  'limited',
  'llc',
  'llp',
  'inc',
  'incorporated',
  'co',
  'corp',
  'corporation',
  'company',
  'plc',
  // others common in the region
  'sa',
  'srl',
  'sro',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
]);

/** Chinese legal forms, longest first, stripped repeatedly from the end of the name. */
const CHINESE_LEGAL_SUFFIXES = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '股份公司',
  '集团',
  '公司',
];

const SEPARATORS = /[\p{P}\p{S}\p{Z}\s]+/u;

/**
 * Company name key: NFKC, diacritics dropped (so "Mátra" = "Matra"), lower-case, punctuation and spaces
 * removed, legal-form suffixes stripped (有限公司, Kft., Zrt., GmbH, Co., Ltd. …). A name that is nothing
 * but a legal form keeps its letters rather than collapsing to an empty key.
 */
export function normaliseCompanyName(name: string): string {
  const folded = foldWidth(name)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
  const tokens = folded.split(SEPARATORS).filter((token) => token.length > 0);
  const whole = tokens.join('');
  if (tokens.every((token) => LATIN_LEGAL_TOKENS.has(token))) return whole;

  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    for (const phrase of LATIN_LEGAL_PHRASES) {
      if (
        tokens.length > phrase.length &&
        phrase.every((word, i) => tokens[tokens.length - phrase.length + i] === word)
      ) {
        tokens.splice(tokens.length - phrase.length);
        changed = true;
        break;
      }
    }
    if (!changed && tokens.length > 1 && LATIN_LEGAL_TOKENS.has(tokens[tokens.length - 1])) {
      tokens.pop();
      changed = true;
    }
  }

  let compact = tokens.join('');
  changed = true;
  while (changed) {
    changed = false;
    for (const suffix of CHINESE_LEGAL_SUFFIXES) {
      if (compact.length > suffix.length && compact.endsWith(suffix)) {
        compact = compact.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  // What is left of a name made only of legal-form words ("有限公司") is no company name.
  return compact.length > 0 && !/^(有限|股份|集团|责任)+$/u.test(compact) ? compact : whole;
}

export type NormalisedResult = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): NormalisedResult => ({ ok: true, value });
const fail = (message: string): NormalisedResult => ({ ok: false, message });

const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Email key: NFKC (full-width ＠ → @), trimmed, lower-cased. */
export function normaliseEmail(email: string): NormalisedResult {
  const value = foldWidth(email).toLowerCase();
  if (value.length > 254 || !EMAIL_PATTERN.test(value)) return fail('is not a valid email address');
  return ok(value);
}

/** ISO 3166-1 alpha-2 countries whose national phone formats are understood without a country code. */
export type PhoneCountry = 'CN' | 'HU';

/**
 * Phone key in E.164 (`+8613812345678`). Accepts international forms (`+86 …`, `0086 …`, `+36 …`,
 * `0036 …`, any other `+CC…`) and national forms of China (mobile `1[3-9]x…` 11 digits, landline
 * `0AA(A)-NNNNNNN(N)`) and Hungary (`06 …`). A national number needs its country: given by the caller
 * (from the lead's region) or recognised from an unambiguous Chinese mobile number.
 */
export function normalisePhone(phone: string, defaultCountry?: PhoneCountry): NormalisedResult {
  const folded = foldWidth(phone);
  if (!/^[+\d\s().\-/]+$/.test(folded)) return fail('may contain only digits, spaces, + ( ) - . /');
  const digits = folded.replace(/\D/g, '');
  let international: string | undefined;
  if (folded.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);

  if (international !== undefined) {
    if (international.startsWith('86')) return chinese(international.slice(2).replace(/^0/, ''));
    if (international.startsWith('36')) return hungarian(international.slice(2).replace(/^06/, ''));
    if (international.length < 8 || international.length > 15 || international.startsWith('0'))
      return fail('is not a valid international number');
    return ok(`+${international}`);
  }
  if (/^1[3-9]\d{9}$/.test(digits) && defaultCountry !== 'HU') return chinese(digits);
  if (defaultCountry === 'HU' || (defaultCountry === undefined && digits.startsWith('06'))) {
    if (!digits.startsWith('06')) return fail('a Hungarian national number starts with 06');
    return hungarian(digits.slice(2));
  }
  if (defaultCountry === 'CN') {
    if (!digits.startsWith('0')) return fail('a Chinese landline starts with its area code (0…)');
    return chinese(digits.slice(1));
  }
  return fail('needs a country code (+86, +36, …) or a region that tells the country');
}

/** National significant number of China: mobile 1xx xxxx xxxx, or area code (2–3 digits) + 7–8 digits. */
function chinese(national: string): NormalisedResult {
  if (/^1[3-9]\d{9}$/.test(national)) return ok(`+86${national}`);
  // Beijing's area code is 10; the others start with 2–9.
  if (/^(10\d{8}|[2-9]\d{8,10})$/.test(national)) return ok(`+86${national}`);
  return fail('is not a valid Chinese mobile or landline number');
}

/** National significant number of Hungary: Budapest 1 + 7 digits; other areas and mobiles 2 + 6–7 digits. */
function hungarian(national: string): NormalisedResult {
  if (/^1\d{7}$/.test(national)) return ok(`+36${national}`);
  if (/^[2-9]\d{7,8}$/.test(national)) return ok(`+36${national}`);
  return fail('is not a valid Hungarian number');
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of China's unified social credit code (GB 32100-2015) for its first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Check digit (8th) of a Hungarian törzsszám: weights 9,7,3,1,9,7,3 on the first seven digits. */
export function hungarianCheckDigit(first7: string): number {
  const weights = [9, 7, 3, 1, 9, 7, 3];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(first7[i]), 0);
  return (10 - (sum % 10)) % 10;
}

/**
 * Tax/registration id key:
 * - China's unified social credit code: 18 characters of `0-9A-Y` without I O S V Z, check character
 *   verified → the code upper-cased (`91440300192203821X` style);
 * - Hungary's adószám `12345678-1-42` (8-1-2 digits, VAT code 1–5) or EU VAT `HU12345678` → `HU` + the
 *   8-digit törzsszám, so both spellings of one company meet;
 * - other EU VAT numbers (`DE123456789`) → upper-cased without separators.
 */
export function normaliseTaxId(taxId: string): NormalisedResult {
  const compact = foldWidth(taxId)
    .toUpperCase()
    .replace(/[\s\-./]/g, '');
  if (compact.length === 18 && /^[0-9A-Z]{18}$/.test(compact)) {
    if (![...compact].every((char) => USCC_ALPHABET.includes(char)))
      return fail('a unified social credit code may not contain I, O, S, V or Z');
    if (usccCheckCharacter(compact.slice(0, 17)) !== compact[17])
      return fail('the check character of the unified social credit code does not match');
    return ok(compact);
  }
  const hungarianFull = /^(\d{8})([1-5])(\d{2})$/.exec(compact);
  const hungarianVat = /^HU(\d{8})$/.exec(compact);
  const torzsszam = hungarianFull?.[1] ?? hungarianVat?.[1];
  if (torzsszam) {
    if (hungarianCheckDigit(torzsszam) !== Number(torzsszam[7]))
      return fail('the check digit of the Hungarian tax number does not match');
    return ok(`HU${torzsszam}`);
  }
  if (/^\d{11}$/.test(compact)) return fail('a Hungarian tax number reads 12345678-1-42 (VAT code 1 to 5)');
  if (/^(?!HU)[A-Z]{2}\d[0-9A-Z]{5,12}$/.test(compact)) return ok(compact);
  return fail('is neither a unified social credit code, a Hungarian adószám nor an EU VAT number');
}

/** The country a region code (`CN-GD`, `HU-BU`) belongs to, when its phone formats are known. */
export function phoneCountryOfRegion(regionCode: string | null | undefined): PhoneCountry | undefined {
  const country = regionCode?.slice(0, 2);
  return country === 'CN' || country === 'HU' ? country : undefined;
}
