import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { ArticleKind } from './knowledge.enums';

export interface ArticleKindFields {
  kind: ArticleKind;
  productLineId: string | null;
  contractId: string | null;
  premiumRoomBps: number | null;
}

/**
 * The fields each kind needs and refuses: a playbook belongs to a product line and may state the room
 * for a premium; a won-deal write-up names its contract; only a playbook has a premium room and only a
 * win story a contract (422 ARTICLE_KIND_FIELDS_INVALID naming the fields).
 */
export function checkArticleKindFields(article: ArticleKindFields): void {
  const errors: FieldError[] = [];
  if (article.kind === ArticleKind.PLAYBOOK && !article.productLineId)
    errors.push({ field: 'productLineId', message: 'is required for a playbook' });
  if (article.kind === ArticleKind.WIN_STORY && !article.contractId)
    errors.push({ field: 'contractId', message: 'is required for a win_story' });
  if (article.kind !== ArticleKind.WIN_STORY && article.contractId)
    errors.push({ field: 'contractId', message: 'only a win_story names a contract' });
  if (article.kind !== ArticleKind.PLAYBOOK && article.premiumRoomBps !== null)
    errors.push({ field: 'premiumRoomBps', message: 'only a playbook has a premium room' });
  if (errors.length)
    throw new DomainException(
      ErrorCode.ARTICLE_KIND_FIELDS_INVALID,
      `The fields do not fit an article of kind ${article.kind}`,
      errors,
    );
}
