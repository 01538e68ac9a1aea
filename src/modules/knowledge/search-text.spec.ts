import { articleSearchText, normaliseSearchText, searchTerms } from './search-text';

const matches = (text: string, query: string) =>
  searchTerms(query).every((term) => normaliseSearchText(text).includes(term));

describe('search text', () => {
  it('finds a two-character Chinese word inside a sentence without spaces', () => {
    expect(matches('先确认负载惯量，再选电机。', '电机')).toBe(true);
    expect(matches('先确认负载惯量，再选电机。', '马达')).toBe(false);
  });

  it('folds case of Hungarian accented letters (Á → á, Ő → ő) and keeps the accents', () => {
    expect(normaliseSearchText('ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP')).toBe('árvíztűrő tükörfúrógép');
    expect(matches('Árvíztűrő tükörfúrógép', 'árvíztűrő TÜKÖR')).toBe(true);
    expect(matches('Árvíztűrő tükörfúrógép', 'arvizturo')).toBe(false);
  });

  it('turns full-width forms into half-width (NFKC), so ＰＬＣ finds PLC', () => {
    expect(matches('PLC X1 选型', 'ＰＬＣ')).toBe(true);
  });

  it('searches title, tags and body; every term must occur, at most five terms', () => {
    const text = articleSearchText({ title: 'Szelepek', tags: ['élelmiszeripar'], body: 'Győr' });
    expect(matches(text, 'szelep ÉLELMISZER győr')).toBe(true);
    expect(matches(text, 'szelep debrecen')).toBe(false);
    expect(searchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
