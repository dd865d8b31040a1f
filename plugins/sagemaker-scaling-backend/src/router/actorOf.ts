import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who the change history names for a caller: its user ref, else `service:<subject>`. @internal */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? principal.userEntityRef
    : `service:${principal.subject ?? 'unknown'}`;
}
