/**
 * The client's organization methods against the real worker (spec/organizations.md):
 * create, read, rename, members and roles, invitations from both sides, transfer, leave,
 * removal, delete, the audit log, and the active organization — whose change is followed
 * by a refresh so that the stored access token carries the new claim.
 */
import { describe, expect, it } from 'vitest';
import { AuthApiError, createAuthClient, memoryStorage } from '../../client/src/index.ts';
import { PASSWORD, registerUser, uniqueEmail } from '../worker/support/e2e.ts';
import { BASE_URL, claimsOf, workerFetch } from './support.ts';

const REFRESH = '/api/v1/auth/refresh';

/** A registered user signed in with a client of their own. */
async function signedIn(fields: { organization_name?: string } = {}) {
  const { email } = await registerUser(fields);
  const { fetch, log } = workerFetch();
  const auth = createAuthClient({ baseUrl: BASE_URL, fetch, storage: memoryStorage() });
  const user = await auth.login({ email, password: PASSWORD });
  return { auth, log, email, user };
}

describe('organization methods', () => {
  it('create, read, rename, invite, accept, change role, transfer, leave, remove, delete', async () => {
    const owner = await signedIn();
    const invitee = await signedIn();
    const slug = `team-${crypto.randomUUID().slice(0, 8)}`;
    const org = await owner.auth.createOrganization({ name: 'Client Team', slug });
    expect(org).toMatchObject({ name: 'Client Team', slug, role: 'OWNER', is_personal_account: false, member_count: 1 });
    expect(await owner.auth.organization(org.id)).toMatchObject({ id: org.id, role: 'OWNER' });
    expect(await owner.auth.updateOrganization(org.id, { name: 'Client Team 2' })).toMatchObject({ name: 'Client Team 2' });
    expect((await owner.auth.organizations()).map((o) => o.id)).toContain(org.id);

    const invitation = await owner.auth.invite(org.id, { email: invitee.email, role: 'ADMIN' });
    expect(invitation).toMatchObject({ email: invitee.email, role: 'ADMIN', delivered: true });
    expect((await owner.auth.organizationInvitations(org.id)).map((i) => i.id)).toEqual([invitation.id]);
    const mine = await invitee.auth.invitations();
    expect(mine).toEqual([
      expect.objectContaining({ id: invitation.id, organization_id: org.id, organization_name: 'Client Team 2', role: 'ADMIN' }),
    ]);
    expect(await invitee.auth.acceptInvitation(invitation.id)).toMatchObject({ id: org.id, role: 'ADMIN' });
    expect(await invitee.auth.invitations()).toEqual([]);
    expect(await owner.auth.organizationInvitations(org.id)).toEqual([]);

    const members = await owner.auth.members(org.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'OWNER'],
      [invitee.email, 'ADMIN'],
    ]);
    expect((await owner.auth.members(org.id, { limit: 1, offset: 1 })).map((m) => m.email)).toEqual([invitee.email]);
    expect(await owner.auth.changeMemberRole(org.id, invitee.user.id, 'MEMBER')).toMatchObject({ role: 'MEMBER' });

    // A MEMBER may not remove; the API's error comes back as AuthApiError.
    const refused = await invitee.auth.removeMember(org.id, owner.user.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthApiError);
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    expect(await owner.auth.transferOwnership(org.id, invitee.user.id)).toMatchObject({ role: 'ADMIN' });
    expect(await invitee.auth.organization(org.id)).toMatchObject({ role: 'OWNER' });
    expect(await owner.auth.leaveOrganization(org.id)).toEqual({ message: 'Left the organization' });
    await expect(owner.auth.organization(org.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });

    // Back in by invitation, then removed by the new owner.
    const again = await invitee.auth.invite(org.id, { email: owner.email, role: 'member' });
    await owner.auth.acceptInvitation(again.id);
    expect(await invitee.auth.removeMember(org.id, owner.user.id)).toEqual({ message: 'Member removed' });
    await expect(owner.auth.members(org.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const actions = (await invitee.auth.audit(org.id, { limit: 200 })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.created', 'invitation.accepted', 'ownership.transferred']));
    expect(await invitee.auth.deleteOrganization(org.id)).toEqual({ message: 'Organization deleted' });
    await expect(invitee.auth.organization(org.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('revokeInvitation and declineInvitation answer the invitation', async () => {
    const owner = await signedIn({ organization_name: 'Revoking Co' });
    const org = (await owner.auth.organizations()).find((o) => !o.is_personal_account);
    if (!org) throw new Error('no team organization');
    const first = await owner.auth.invite(org.id, { email: uniqueEmail('nobody') });
    expect(first.role).toBe('MEMBER');
    expect(await owner.auth.revokeInvitation(org.id, first.id)).toEqual({ message: 'Invitation revoked' });
    await expect(owner.auth.revokeInvitation(org.id, first.id)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });

    const invitee = await signedIn();
    const second = await owner.auth.invite(org.id, { email: invitee.email, role: 'MEMBER' });
    expect(await invitee.auth.declineInvitation(second.id)).toEqual({ message: 'Invitation declined' });
    await expect(invitee.auth.acceptInvitation(second.id)).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    // Someone else's invitation is refused with 403.
    const third = await owner.auth.invite(org.id, { email: uniqueEmail('someone') });
    await expect(invitee.auth.acceptInvitation(third.id)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('setActiveOrganization changes /me and refreshes, so the token carries the new organization', async () => {
    const { auth, log } = await signedIn({ organization_name: 'First Co' });
    const second = await auth.createOrganization({ name: 'Second Co' });
    const before = await auth.session();
    expect(claimsOf(before?.access_token ?? '')).toMatchObject({ organization: expect.objectContaining({ role: 'owner' }) });
    expect((claimsOf(before?.access_token ?? '').organization as { id: string }).id).not.toBe(second.id);

    const me = await auth.setActiveOrganization(second.id);
    expect(me.organization).toMatchObject({ id: second.id, name: 'Second Co' });
    expect(log.count('POST', REFRESH)).toBe(1);
    const after = await auth.session();
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    expect(claimsOf(after?.access_token ?? '').organization).toMatchObject({ id: second.id, role: 'owner' });
    expect(after?.user.organization).toMatchObject({ id: second.id });
    expect((await auth.me()).organization?.id).toBe(second.id);

    // Not a member: 404, and the session stays as it was.
    await expect(auth.setActiveOrganization(crypto.randomUUID())).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await auth.session())?.access_token).toBe(after?.access_token);
  });

  it('refresh rotates the tokens now, and answers null when signed out', async () => {
    const { auth, log } = await signedIn();
    const before = await auth.session();
    const after = await auth.refresh();
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    expect(log.count('POST', REFRESH)).toBe(1);
    await auth.logout();
    expect(await auth.refresh()).toBeNull();
  });
});
