import { ErrorCode } from '../../common/errors/error-codes';
import { checkArticleKindFields } from './article.rules';
import { ArticleKind } from './knowledge.enums';

const LINE = '00000000-0000-4000-8000-0000000000a1';
const CONTRACT = '00000000-0000-4000-8000-0000000000c1';
const none = { productLineId: null, contractId: null, premiumRoomBps: null };
const fieldsOf = (fn: () => void) => {
  try {
    fn();
    return [];
  } catch (error) {
    expect(error).toMatchObject({ code: ErrorCode.ARTICLE_KIND_FIELDS_INVALID });
    return (error as { errors: { field: string }[] }).errors.map((e) => e.field);
  }
};

describe('the fields each article kind needs', () => {
  it('a playbook belongs to a product line and may state a premium room', () => {
    expect(fieldsOf(() => checkArticleKindFields({ ...none, kind: ArticleKind.PLAYBOOK }))).toEqual([
      'productLineId',
    ]);
    expect(
      fieldsOf(() =>
        checkArticleKindFields({
          ...none,
          kind: ArticleKind.PLAYBOOK,
          productLineId: LINE,
          premiumRoomBps: 1500,
        }),
      ),
    ).toEqual([]);
  });

  it('a win story names its contract and has no premium room', () => {
    expect(fieldsOf(() => checkArticleKindFields({ ...none, kind: ArticleKind.WIN_STORY }))).toEqual([
      'contractId',
    ]);
    expect(
      fieldsOf(() =>
        checkArticleKindFields({
          ...none,
          kind: ArticleKind.WIN_STORY,
          contractId: CONTRACT,
          premiumRoomBps: 5,
        }),
      ),
    ).toEqual(['premiumRoomBps']);
  });

  it('a plain article names no contract and no premium room', () => {
    expect(
      fieldsOf(() =>
        checkArticleKindFields({
          ...none,
          kind: ArticleKind.ARTICLE,
          contractId: CONTRACT,
          premiumRoomBps: 0,
        }),
      ),
    ).toEqual(['contractId', 'premiumRoomBps']);
    expect(
      fieldsOf(() => checkArticleKindFields({ ...none, kind: ArticleKind.ARTICLE, productLineId: LINE })),
    ).toEqual([]);
  });
});
