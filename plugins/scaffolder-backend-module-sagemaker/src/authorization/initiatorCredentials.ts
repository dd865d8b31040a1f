import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * The credentials of the signed-in user who started the task. The actions write with the
 * backend's cluster credentials, so they act only for a person whose rights they can check:
 * a task started with service credentials (or none) is refused.
 */
export async function userInitiatorCredentials(
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  actionId: string,
): Promise<BackstageCredentials<BackstageUserPrincipal>> {
  const credentials = await ctx.getInitiatorCredentials();
  const type = (credentials.principal as { type?: string } | undefined)?.type;
  if (type !== 'user') {
    throw new NotAllowedError(
      `${actionId} acts only for a signed-in user: this task was started with ${
        type ?? 'no'
      } credentials, whose rights on the catalog entity cannot be checked`,
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}
