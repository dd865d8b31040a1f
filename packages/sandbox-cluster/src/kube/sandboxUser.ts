/**
 * The sandbox's users: who a bearer token belongs to.
 */

/** Who a bearer token belongs to. @public */
export interface SandboxUser {
  name: string;
  /** Read-only users get 403 Forbidden on writes. */
  readOnly: boolean;
}
