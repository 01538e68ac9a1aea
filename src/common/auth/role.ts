export enum Role {
  ADMIN = 'admin',
  SALES_MANAGER = 'sales_manager',
  VENDOR_MANAGER = 'vendor_manager',
  REP = 'rep',
  INTEGRATION = 'integration',
}

export const ALL_ROLES = Object.values(Role);

/** Who the caller is, as read from a verified access token. */
export interface Principal {
  /** User id or API client id. */
  subjectId: string;
  kind: 'user' | 'api_client';
  role: Role;
  /** Set for vendor managers, reps and vendor-bound integration clients. */
  vendorId: string | null;
  /** Set for reps. */
  repId: string | null;
  name: string;
  /** The token generation a bearer token carried; the auth guard refuses one that is no longer current. */
  tokenGeneration?: number;
}
