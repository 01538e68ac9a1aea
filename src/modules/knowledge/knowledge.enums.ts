/** What an article is: plain knowledge, the sales playbook of a product line, or a won-deal write-up. */
export enum ArticleKind {
  ARTICLE = 'article',
  PLAYBOOK = 'playbook',
  WIN_STORY = 'win_story',
}

/** Who may read an article or an announcement. */
export enum Audience {
  ALL_VENDORS = 'all_vendors',
  CHOSEN_VENDORS = 'chosen_vendors',
  /** Company roles only (articles; an announcement always goes to vendors). */
  INTERNAL = 'internal',
}

export enum AnnouncementKind {
  MARKET_NEWS = 'market_news',
  STRATEGY = 'strategy',
  PRICE_CHANGE = 'price_change',
  OTHER = 'other',
}

/** The audiences an announcement can have: it is always addressed to vendors. */
export enum AnnouncementAudience {
  ALL_VENDORS = 'all_vendors',
  CHOSEN_VENDORS = 'chosen_vendors',
}

export enum FeedbackKind {
  COMPETITOR_SEEN = 'competitor_seen',
  PRICE_HEARD = 'price_heard',
  CUSTOMER_OPINION = 'customer_opinion',
}
