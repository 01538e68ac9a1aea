import {
  hungarianCheckDigit,
  normaliseCompanyName,
  normaliseEmail,
  normalisePhone,
  normaliseTaxId,
  phoneCountryOfRegion,
  usccCheckCharacter,
} from './lead-keys.rules';

describe('company name key', () => {
  it.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['深圳市腾讯计算机系统有限责任公司', '深圳市腾讯计算机系统'],
    ['海尔集团股份有限公司', '海尔'],
    ['海尔集团', '海尔'],
    ['美的集团有限公司', '美的'],
  ])('strips Chinese legal forms: %s → %s', (name, key) => {
    expect(normaliseCompanyName(name)).toBe(key);
  });

  it('folds full-width Latin letters, punctuation and brackets to the same key', () => {
    expect(normaliseCompanyName('ＡＢＣ　Ｔｒａｄｉｎｇ（深圳）有限公司')).toBe(
      normaliseCompanyName('ABC Trading (深圳) 有限公司'),
    );
    expect(normaliseCompanyName('ＡＢＣ Trading Co., Ltd.')).toBe('abctrading');
  });

  it.each([
    ['Richter Gedeon Nyrt.', 'richtergedeon'],
    ['Példa Kereskedelmi Kft.', 'peldakereskedelmi'],
    ['Példa Kereskedelmi Korlátolt Felelősségű Társaság', 'peldakereskedelmi'],
    ['MOL Magyar Olaj- és Gázipari Nyrt.', 'molmagyarolajesgazipari'],
    ['Mátra Bt', 'matra'],
    ['4iG Zrt.', '4ig'],
  ])('strips Hungarian legal forms and diacritics: %s → %s', (name, key) => {
    expect(normaliseCompanyName(name)).toBe(key);
  });

  it.each([
    ['Siemens GmbH & Co. KG', 'siemens'],
    ['Acme Trading Co., Ltd.', 'acmetrading'],
    ['ACME TRADING LIMITED', 'acmetrading'],
    ['acme-trading llc', 'acmetrading'],
    ['Acme Trading, Inc.', 'acmetrading'],
  ])('strips English and German legal forms, case and punctuation: %s → %s', (name, key) => {
    expect(normaliseCompanyName(name)).toBe(key);
  });

  it('keeps a name that is only a legal form rather than producing an empty key', () => {
    expect(normaliseCompanyName('有限公司')).toBe('有限公司');
    expect(normaliseCompanyName('Co. Ltd')).toBe('coltd');
  });

  it('does not strip a legal-form word in the middle of a name', () => {
    expect(normaliseCompanyName('Bt Holding Kft.')).toBe('btholding');
    expect(normaliseCompanyName('集团软件有限公司')).toBe('集团软件');
  });
});

describe('email key', () => {
  it('lower-cases, trims and folds a full-width at sign', () => {
    expect(normaliseEmail('  Zhang.Wei＠Example.CN ')).toEqual({ ok: true, value: 'zhang.wei@example.cn' });
  });

  it.each(['not-an-email', 'a@b', '@example.com', 'a b@example.com'])('rejects %s', (email) => {
    expect(normaliseEmail(email).ok).toBe(false);
  });
});

describe('phone key (E.164)', () => {
  it.each([
    ['+86 138 1234 5678', undefined, '+8613812345678'],
    ['0086-138-1234-5678', undefined, '+8613812345678'],
    ['13812345678', undefined, '+8613812345678'],
    ['１３８１２３４５６７８', undefined, '+8613812345678'],
    ['010-12345678', 'CN', '+861012345678'],
    ['(0755) 8888 6666', 'CN', '+8675588886666'],
    ['+86 (0)20 8888 6666', undefined, '+862088886666'],
    ['+36 1 234 5678', undefined, '+3612345678'],
    ['06 1 234 5678', undefined, '+3612345678'],
    ['06-30-123-4567', 'HU', '+36301234567'],
    ['0036 30 123 4567', undefined, '+36301234567'],
    ['+49 30 1234567', undefined, '+49301234567'],
  ] as const)('%s (%s) → %s', (phone, country, e164) => {
    expect(normalisePhone(phone, country)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['12345', undefined],
    ['+86 123', undefined],
    ['+36 30 12', undefined],
    ['call me', undefined],
    ['55512345', undefined],
    ['30 123 4567', 'HU'],
    ['12345678901', 'CN'],
  ] as const)('rejects %s (%s)', (phone, country) => {
    expect(normalisePhone(phone, country).ok).toBe(false);
  });

  it('reads the country from the region code', () => {
    expect(phoneCountryOfRegion('CN-GD')).toBe('CN');
    expect(phoneCountryOfRegion('HU-BU')).toBe('HU');
    expect(phoneCountryOfRegion('AT-9')).toBeUndefined();
    expect(phoneCountryOfRegion(null)).toBeUndefined();
  });
});

describe('tax id key', () => {
  it('accepts unified social credit codes whose check character matches', () => {
    expect(normaliseTaxId('914403001922038216')).toEqual({ ok: true, value: '914403001922038216' });
    expect(normaliseTaxId('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(normaliseTaxId('９１４４０３００１９２２０３８２１６')).toEqual({
      ok: true,
      value: '914403001922038216',
    });
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('rejects a unified social credit code with a wrong check character or a forbidden letter', () => {
    expect(normaliseTaxId('914403001922038217')).toMatchObject({ ok: false, message: /check character/ });
    expect(normaliseTaxId('91440300192203821O')).toMatchObject({ ok: false, message: /I, O, S, V or Z/ });
  });

  it('meets the adószám and the EU VAT form of one Hungarian company on the törzsszám', () => {
    expect(normaliseTaxId('10625790-4-44')).toEqual({ ok: true, value: 'HU10625790' });
    expect(normaliseTaxId('HU10625790')).toEqual({ ok: true, value: 'HU10625790' });
    expect(normaliseTaxId('10537914 2 44')).toEqual({ ok: true, value: 'HU10537914' });
    expect(hungarianCheckDigit('1053791')).toBe(4);
  });

  it('rejects a Hungarian tax number with a wrong check digit or VAT code', () => {
    expect(normaliseTaxId('10625791-4-44')).toMatchObject({ ok: false, message: /check digit/ });
    expect(normaliseTaxId('10625790-7-44')).toMatchObject({ ok: false });
  });

  it('accepts other EU VAT numbers as given and rejects anything else', () => {
    expect(normaliseTaxId('DE 123 456 789')).toEqual({ ok: true, value: 'DE123456789' });
    expect(normaliseTaxId('12345')).toMatchObject({ ok: false });
    expect(normaliseTaxId('not a tax id')).toMatchObject({ ok: false });
  });
});
