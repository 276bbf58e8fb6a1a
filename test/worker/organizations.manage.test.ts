/**
 * Running organizations through the worker (spec/organizations.md): every endpoint's
 * shape and error codes, a stranger probing an organization id (404 on every route),
 * invitations delivered to the mailbox and accepted by the invitee, and the active
 * organization. The rules themselves are the database's (test/db/organizations*.test.ts
 * try each one); here the point is that the routes answer them faithfully.
 */
import { describe, expect, it } from 'vitest';
import { api, latestMailHtml, loginUser, registerUser, uniqueEmail } from './support/e2e.ts';

/** A registered, signed-in user. */
async function person(fields: { first_name?: string; organization_name?: string } = {}) {
  const { email, data } = await registerUser(fields);
  const { access_token } = await loginUser(email);
  return { email, id: data.user.id as string, token: access_token };
}

async function newOrg(token: string, name = `Team ${crypto.randomUUID().slice(0, 6)}`) {
  const res = await api('/api/v1/auth/organizations', { token, body: { name } });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; name: string };
}

/** Invites `invitee` into `orgId` and has them accept; returns the invitation id. */
async function join(ownerToken: string, orgId: string, invitee: { email: string; token: string }, role = 'MEMBER') {
  const invited = await api(`/api/v1/auth/organizations/${orgId}/invitations`, { token: ownerToken, body: { email: invitee.email, role } });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api(`/api/v1/auth/invitations/${invited.body.data.id}/accept`, { token: invitee.token, body: {} });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return invited.body.data.id as string;
}

describe('organizations: create, read, rename, delete', () => {
  it('creates a team organization owned by the caller, listed with the others', async () => {
    const owner = await person();
    const slug = `team-${crypto.randomUUID().slice(0, 8)}`;
    const created = await api('/api/v1/auth/organizations', { token: owner.token, body: { name: ' Rocket Labs ', slug } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      success: true,
      message: 'Organization created',
      data: { name: 'Rocket Labs', slug, plan: expect.any(String), is_personal_account: false, role: 'OWNER', member_count: 1 },
    });
    const id = created.body.data.id;
    expect((await api(`/api/v1/auth/organizations/${id}`, { token: owner.token })).body.data).toEqual(created.body.data);
    const list = await api('/api/v1/auth/organizations', { token: owner.token });
    expect(list.body.data.map((o: { id: string }) => o.id)).toContain(id);

    const taken = await api('/api/v1/auth/organizations', { token: (await person()).token, body: { name: 'Copy', slug } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
  });

  it('renames (OWNER, ADMIN), refuses a MEMBER (403) and the personal organization; deletes (OWNER only)', async () => {
    const owner = await person();
    const admin = await person();
    const plain = await person();
    const org = await newOrg(owner.token);
    await join(owner.token, org.id, admin, 'ADMIN');
    await join(owner.token, org.id, plain);
    const renamed = await api(`/api/v1/auth/organizations/${org.id}`, { method: 'PATCH', token: admin.token, body: { name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: 'Renamed', role: 'ADMIN' });
    const byMember = await api(`/api/v1/auth/organizations/${org.id}`, { method: 'PATCH', token: plain.token, body: { name: 'Mine' } });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.code).toBe('FORBIDDEN');
    expect((await api(`/api/v1/auth/organizations/${org.id}`, { method: 'DELETE', token: admin.token })).status).toBe(403);

    const personal = (await api('/api/v1/auth/organizations', { token: owner.token })).body.data.find(
      (o: { is_personal_account: boolean }) => o.is_personal_account,
    );
    const personalDelete = await api(`/api/v1/auth/organizations/${personal.id}`, { method: 'DELETE', token: owner.token });
    expect(personalDelete.status).toBe(403);

    const deleted = await api(`/api/v1/auth/organizations/${org.id}`, { method: 'DELETE', token: owner.token });
    expect(deleted.body).toEqual({ success: true, message: 'Organization deleted', data: { message: 'Organization deleted' } });
    expect((await api(`/api/v1/auth/organizations/${org.id}`, { token: admin.token })).status).toBe(404);
  });

  it('validates input: name, slug, role, ids', async () => {
    const owner = await person();
    expect((await api('/api/v1/auth/organizations', { token: owner.token, body: { name: '   ' } })).status).toBe(400);
    expect((await api('/api/v1/auth/organizations', { token: owner.token, body: { name: 'x', slug: 'No Spaces' } })).status).toBe(400);
    expect((await api('/api/v1/auth/organizations/not-a-uuid', { token: owner.token })).status).toBe(400);
    const org = await newOrg(owner.token);
    const badRole = await api(`/api/v1/auth/organizations/${org.id}/invitations`, {
      token: owner.token,
      body: { email: uniqueEmail(), role: 'KING' },
    });
    expect(badRole.status).toBe(400);
  });
});

describe('members, roles, leave, transfer', () => {
  it('lists members by role then email; OWNER changes roles; the last OWNER cannot go', async () => {
    const owner = await person({ first_name: 'Olga' });
    const other = await person();
    const org = await newOrg(owner.token);
    await join(owner.token, org.id, other);
    const members = await api(`/api/v1/auth/organizations/${org.id}/members`, { token: other.token });
    expect(members.body.count).toBe(2);
    expect(members.body.message).toBe('Retrieved 2 members');
    expect(members.body.data[0]).toMatchObject({ user_id: owner.id, email: owner.email, first_name: 'Olga', role: 'OWNER' });
    expect(members.body.data[1]).toMatchObject({ user_id: other.id, role: 'MEMBER' });

    const promoted = await api(`/api/v1/auth/organizations/${org.id}/members/${other.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(promoted.body.data).toMatchObject({ user_id: other.id, role: 'ADMIN' });
    const selfDemote = await api(`/api/v1/auth/organizations/${org.id}/members/${owner.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'MEMBER' },
    });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.error.code).toBe('LAST_OWNER');
    const leave = await api(`/api/v1/auth/organizations/${org.id}/leave`, { token: owner.token, body: {} });
    expect(leave.body.error.code).toBe('LAST_OWNER');
  });

  it('transfer makes the member OWNER and the caller ADMIN; then the old owner may leave', async () => {
    const owner = await person();
    const heir = await person();
    const org = await newOrg(owner.token);
    await join(owner.token, org.id, heir);
    const transferred = await api(`/api/v1/auth/organizations/${org.id}/transfer-ownership`, {
      token: owner.token,
      body: { user_id: heir.id },
    });
    expect(transferred.status).toBe(200);
    expect(transferred.body.data.role).toBe('ADMIN');
    expect((await api(`/api/v1/auth/organizations/${org.id}`, { token: heir.token })).body.data.role).toBe('OWNER');
    const left = await api(`/api/v1/auth/organizations/${org.id}/leave`, { token: owner.token, body: {} });
    expect(left.body).toEqual({ success: true, message: 'Left the organization', data: { message: 'Left the organization' } });
    expect((await api(`/api/v1/auth/organizations/${org.id}`, { token: owner.token })).status).toBe(404);
  });

  it('an ADMIN removes a MEMBER but not the OWNER; removing oneself is leaving', async () => {
    const owner = await person();
    const admin = await person();
    const plain = await person();
    const org = await newOrg(owner.token);
    await join(owner.token, org.id, admin, 'ADMIN');
    await join(owner.token, org.id, plain);
    expect((await api(`/api/v1/auth/organizations/${org.id}/members/${owner.id}`, { method: 'DELETE', token: admin.token })).status).toBe(
      403,
    );
    const removed = await api(`/api/v1/auth/organizations/${org.id}/members/${plain.id}`, { method: 'DELETE', token: admin.token });
    expect(removed.body.data).toEqual({ message: 'Member removed' });
    expect((await api(`/api/v1/auth/organizations/${org.id}`, { token: plain.token })).status).toBe(404);
    expect((await api(`/api/v1/auth/organizations/${org.id}/members/${admin.id}`, { method: 'DELETE', token: admin.token })).status).toBe(
      200,
    );
  });
});

describe('invitations', () => {
  it('invite → email with the link → the invitee sees it and accepts with the invited role', async () => {
    const owner = await person({ first_name: 'Irene' });
    const org = await newOrg(owner.token, 'Invite Co');
    const invitee = await person();
    const invited = await api(`/api/v1/auth/organizations/${org.id}/invitations`, {
      token: owner.token,
      body: { email: invitee.email.toUpperCase(), role: 'ADMIN' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.data).toMatchObject({ email: invitee.email, role: 'ADMIN', invited_by: owner.id, delivered: true });
    const html = await latestMailHtml(invitee.email);
    expect(html).toContain(`http://127.0.0.1:3000/invitations/${invited.body.data.id}`);
    expect(html).toContain('Invite Co');

    const pending = await api(`/api/v1/auth/organizations/${org.id}/invitations`, { token: owner.token });
    expect(pending.body.data.map((i: { id: string }) => i.id)).toEqual([invited.body.data.id]);
    const mine = await api('/api/v1/auth/invitations', { token: invitee.token });
    expect(mine.body.data).toEqual([
      expect.objectContaining({ id: invited.body.data.id, organization_id: org.id, organization_name: 'Invite Co', role: 'ADMIN' }),
    ]);
    const accepted = await api(`/api/v1/auth/invitations/${invited.body.data.id}/accept`, { token: invitee.token, body: {} });
    expect(accepted.body.data).toMatchObject({ id: org.id, role: 'ADMIN' });
    const again = await api(`/api/v1/auth/invitations/${invited.body.data.id}/accept`, { token: invitee.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('an invitation forwarded to someone else is worthless (403); a duplicate is 409; revoke and decline', async () => {
    const owner = await person();
    const org = await newOrg(owner.token);
    const addressee = await person();
    const eavesdropper = await person();
    const invited = await api(`/api/v1/auth/organizations/${org.id}/invitations`, { token: owner.token, body: { email: addressee.email } });
    const stolen = await api(`/api/v1/auth/invitations/${invited.body.data.id}/accept`, { token: eavesdropper.token, body: {} });
    expect(stolen.status).toBe(403);
    const duplicate = await api(`/api/v1/auth/organizations/${org.id}/invitations`, {
      token: owner.token,
      body: { email: addressee.email },
    });
    expect(duplicate.body.error.code).toBe('CONFLICT');
    const declined = await api(`/api/v1/auth/invitations/${invited.body.data.id}/decline`, { token: addressee.token, body: {} });
    expect(declined.body.data).toEqual({ message: 'Invitation declined' });

    const second = await api(`/api/v1/auth/organizations/${org.id}/invitations`, { token: owner.token, body: { email: addressee.email } });
    expect(second.status).toBe(201);
    const revoked = await api(`/api/v1/auth/organizations/${org.id}/invitations/${second.body.data.id}`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(revoked.body.data).toEqual({ message: 'Invitation revoked' });
    expect((await api(`/api/v1/auth/invitations/${second.body.data.id}/accept`, { token: addressee.token, body: {} })).status).toBe(409);
  });

  it('the personal organization takes no invitation', async () => {
    const owner = await person();
    const personal = (await api('/api/v1/auth/organizations', { token: owner.token })).body.data[0];
    const res = await api(`/api/v1/auth/organizations/${personal.id}/invitations`, { token: owner.token, body: { email: uniqueEmail() } });
    expect(res.status).toBe(403);
  });
});

describe('a stranger probing an organization id', () => {
  it('gets 404 NOT_FOUND on every route, never 403, and changes nothing', async () => {
    const owner = await person();
    const org = await newOrg(owner.token, 'Secret Org');
    const invitee = await person();
    const invitation = (
      await api(`/api/v1/auth/organizations/${org.id}/invitations`, { token: owner.token, body: { email: invitee.email } })
    ).body.data.id;
    const stranger = await person();
    const base = `/api/v1/auth/organizations/${org.id}`;
    const probes: [string, string, unknown][] = [
      ['GET', base, undefined],
      ['PATCH', base, { name: 'Taken over' }],
      ['DELETE', base, undefined],
      ['GET', `${base}/members`, undefined],
      ['PATCH', `${base}/members/${owner.id}`, { role: 'MEMBER' }],
      ['DELETE', `${base}/members/${owner.id}`, undefined],
      ['POST', `${base}/leave`, {}],
      ['POST', `${base}/transfer-ownership`, { user_id: stranger.id }],
      ['POST', `${base}/invitations`, { email: stranger.email }],
      ['GET', `${base}/invitations`, undefined],
      ['DELETE', `${base}/invitations/${invitation}`, undefined],
      ['GET', `${base}/audit`, undefined],
      ['PUT', '/api/v1/auth/me/organization', { organization_id: org.id }],
    ];
    for (const [method, path, body] of probes) {
      const res = await api(path, { method, token: stranger.token, ...(body === undefined ? {} : { body }) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code, `${method} ${path}`).toBe('NOT_FOUND');
    }
    const still = await api(base, { token: owner.token });
    expect(still.body.data).toMatchObject({ name: 'Secret Org', member_count: 1, role: 'OWNER' });
  });
});

describe('audit and the active organization', () => {
  it('the audit log lists the changes newest first (OWNER, ADMIN), not for a MEMBER', async () => {
    const owner = await person();
    const plain = await person();
    const org = await newOrg(owner.token);
    await join(owner.token, org.id, plain);
    await api(`/api/v1/auth/organizations/${org.id}`, { method: 'PATCH', token: owner.token, body: { name: 'Audited' } });
    const audit = await api(`/api/v1/auth/organizations/${org.id}/audit`, { token: owner.token });
    expect(audit.status).toBe(200);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audit.body.data)).not.toMatch(/token|password/i);
    const ids = audit.body.data.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const older = await api(`/api/v1/auth/organizations/${org.id}/audit?limit=1&before=${ids[0]}`, { token: owner.token });
    expect(older.body.data.map((e: { id: number }) => e.id)).toEqual([ids[1]]);
    expect((await api(`/api/v1/auth/organizations/${org.id}/audit`, { token: plain.token })).status).toBe(403);
  });

  it('PUT /me/organization switches what /me reports; not a member: 404', async () => {
    const owner = await person({ organization_name: 'First Co' });
    const second = await newOrg(owner.token, 'Second Co');
    expect((await api('/api/v1/auth/me', { token: owner.token })).body.data.organization.name).toBe('First Co');
    const switched = await api('/api/v1/auth/me/organization', { method: 'PUT', token: owner.token, body: { organization_id: second.id } });
    expect(switched.status).toBe(200);
    expect(switched.body.data.organization).toMatchObject({ id: second.id, name: 'Second Co' });
    expect(switched.body.data.role).toBe('owner');
    expect((await api('/api/v1/auth/me', { token: owner.token })).body.data.organization.id).toBe(second.id);
  });
});
