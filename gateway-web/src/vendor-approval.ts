import type { ServiceClient } from '@dm/common/http-client';
import type { User } from '@dm/contracts/auth';
import type { VendorApplication } from '@dm/contracts/vendors';

/**
 * Approving an application takes two services: catalog-service opens the shop, then auth-service
 * gives the role `vendor`, which ends the applicant's sessions so that their next token carries it.
 * Approving again is safe at each step, so an admin who sees a failure simply approves again.
 * An admin who applied keeps the role admin, which may do everything a vendor may.
 */
export async function approveApplication(
  clients: { catalog: ServiceClient; auth: ServiceClient },
  token: string | undefined,
  id: string,
): Promise<{ status: number; data: unknown }> {
  const approved = await clients.catalog.request<VendorApplication>(
    'POST',
    `/admin/vendor-applications/${encodeURIComponent(id)}/approve`,
    {
      token,
    },
  );
  if (approved.status !== 200) return approved;
  const userPath = `/admin/users/${approved.data.user_id}`;
  const user = await clients.auth.call<User>('GET', userPath, { token });
  if (user.role === 'user') await clients.auth.call('PATCH', userPath, { token, body: { role: 'vendor' } });
  return approved;
}
