/**
 * The client's sign-in without a password (strong-auth.md "Sign-in codes and magic links",
 * "Passkeys"). Codes against the real worker, read out of the stand-in's mailbox:
 * `sendSignInCode` and `verifySignInCode` with the code or the link's token hash, stored as
 * a sign-in is, refused codes leaving the session alone, and the second-factor step still
 * owed. Passkeys: the lower-level calls against the real worker (options as the browser
 * wants them, a refused credential), and `registerPasskey` / `signInWithPasskey` around a
 * stand-in for `navigator.credentials`: the JSON options turned into the browser's binary
 * form, the credential back into JSON — by the browser's own `parse…FromJSON` / `toJSON()`
 * when it has them, else by the client — conditional mediation and its abort. The real
 * ceremonies, with Chromium's virtual authenticator, are test/browser/passwordless.ts's.
 */
import { env } from 'cloudflare:workers';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthApiError, createAuthClient, memoryStorage, type Session } from '../../client/src/index.ts';
import { fromBase64url, toBase64url } from '../../client/src/webauthn.ts';
import { mailFor, PASSWORD, registerUser, uniqueEmail } from '../worker/support/e2e.ts';
import { BASE_URL, claimsOf, workerFetch } from './support.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A client of its own, and every request it made (with its body) as the worker got it. */
function newClient() {
  const worker = workerFetch();
  const sent: { path: string; authorization: string | null; body: any; answer?: any }[] = [];
  const fetch = async (request: Request) => {
    const text = await request.clone().text();
    const entry: (typeof sent)[number] = {
      path: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      body: text ? JSON.parse(text) : null,
    };
    sent.push(entry);
    const response = await worker.fetch(request);
    entry.answer = await response.clone().json();
    return response;
  };
  const auth = createAuthClient({ baseUrl: BASE_URL, fetch, storage: memoryStorage() });
  return { auth, sent };
}

/** The code and the link of the newest sign-in email to `email`, once there are more than `seen` emails. */
async function signInMail(email: string, seen = 0): Promise<{ code: string; tokenHash: string }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const messages = await mailFor(email);
    if (messages.length > seen && messages[0]) {
      const res = await fetch(`${env.TEST_MAILBOX_URL}/api/v1/message/${messages[0].ID}`);
      const { HTML } = (await res.json()) as { HTML: string };
      const code = /<strong>\s*(\d{6})\s*<\/strong>/.exec(HTML)?.[1];
      const href = /href="([^"]*\/sign-in\/email[^"]*)"/.exec(HTML)?.[1]?.replace(/&amp;/g, '&');
      const tokenHash = href ? new URL(href).searchParams.get('token_hash') : null;
      if (!code || !tokenHash) throw new Error(`no code or link in: ${HTML}`);
      return { code, tokenHash };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in email to ${email}`);
}

/** The error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
function codeFor(secret: string, steps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

describe('sign-in codes', () => {
  it('sendSignInCode → the emailed code → verifySignInCode signs in and stores the session like login', async () => {
    const { email, data } = await registerUser();
    const { auth, sent } = newClient();
    const heard: (Session | null)[] = [];
    auth.onChange((session) => heard.push(session));

    expect(await auth.sendSignInCode(email)).toEqual({ message: 'Sign-in code sent' });
    const { code } = await signInMail(email);
    const user = await auth.verifySignInCode({ email, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(user).toMatchObject({ id: data.user.id, email });
    const session = await auth.session();
    expect(session?.user.email).toBe(email);
    expect(heard).toEqual([session]);
    expect(claimsOf(session?.access_token ?? '').aal).toBe('aal1');
    expect(await auth.assurance()).toEqual({ aal: 'aal1', pending: false, factors: [] });
    expect((await auth.me()).email).toBe(email);
    // Neither call sent a token; the code went as typed (the API takes the spaces out).
    expect(sent.slice(0, 2).map((r) => [r.path, r.authorization])).toEqual([
      ['/api/v1/auth/otp', null],
      ['/api/v1/auth/otp/verify', null],
    ]);
  });

  it('the link’s token hash signs in once; used again it is TOKEN_INVALID and the session stays', async () => {
    const { email } = await registerUser();
    const { auth } = newClient();
    await auth.sendSignInCode(email);
    const { tokenHash } = await signInMail(email);
    expect((await auth.verifySignInCode({ token_hash: tokenHash, type: 'magiclink' })).email).toBe(email);
    const session = await auth.session();
    const err = await failure(auth.verifySignInCode({ token_hash: tokenHash, type: 'magiclink' }));
    expect(err).toBeInstanceOf(AuthApiError);
    expect([(err as AuthApiError).status, (err as AuthApiError).code]).toEqual([401, 'TOKEN_INVALID']);
    expect(await auth.session()).toEqual(session);
  });

  it('a wrong code is 401 TOKEN_INVALID and stores nothing; an unknown address is answered the same', async () => {
    const { email } = await registerUser();
    const { auth } = newClient();
    expect(await auth.sendSignInCode(uniqueEmail('nobody'))).toEqual({ message: 'Sign-in code sent' });
    await auth.sendSignInCode(email);
    const { code } = await signInMail(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const err = (await failure(auth.verifySignInCode({ email, code: wrong }))) as AuthApiError;
    expect([err.status, err.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(await auth.session()).toBeNull();
    const malformed = (await failure(auth.verifySignInCode({ email, code: '12345' }))) as AuthApiError;
    expect([malformed.status, malformed.code, malformed.details[0]?.path]).toEqual([400, 'VALIDATION_ERROR', 'code']);
  });

  it('a user with a second factor: the code sign-in leaves the step pending, verifyFactor completes it', async () => {
    const { email } = await registerUser();
    const setup = newClient().auth;
    await setup.login({ email, password: PASSWORD });
    const factor = await setup.enrollFactor({ friendly_name: 'Phone' });
    await setup.verifyFactor(factor.id, codeFor(factor.totp.secret));

    const { auth } = newClient();
    const seen = (await mailFor(email)).length;
    await auth.sendSignInCode(email);
    const { code } = await signInMail(email, seen);
    await auth.verifySignInCode({ email, code });
    const assurance = await auth.assurance();
    expect(assurance).toMatchObject({ aal: 'aal1', pending: true, factors: [{ id: factor.id, friendly_name: 'Phone' }] });
    const refused = (await failure(auth.organizations())) as AuthApiError;
    expect([refused.status, refused.code]).toEqual([403, 'MFA_REQUIRED']);
    await auth.verifyFactor(factor.id, codeFor(factor.totp.secret, 1)); // the current one was used to enrol
    expect(await auth.assurance()).toMatchObject({ aal: 'aal2', pending: false });
  });
});

/** A stand-in for the browser's WebAuthn: what it was asked, and a credential to answer. */
function fakeBrowser(options: { native: boolean; answer?: (request: any) => unknown }) {
  const calls: { kind: 'create' | 'get'; request: any }[] = [];
  const parsed: string[] = [];
  const answer = options.answer ?? (() => fakeCredential(false));
  const credentials = {
    create: async (request: any) => {
      calls.push({ kind: 'create', request });
      return answer(request);
    },
    get: async (request: any) => {
      calls.push({ kind: 'get', request });
      return answer(request);
    },
  };
  const PublicKeyCredential = options.native
    ? {
        parseCreationOptionsFromJSON: (json: any) => {
          parsed.push('creation');
          return { parsedFrom: json };
        },
        parseRequestOptionsFromJSON: (json: any) => {
          parsed.push('request');
          return { parsedFrom: json };
        },
      }
    : {};
  vi.stubGlobal('navigator', { credentials });
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential);
  return { calls, parsed };
}

const bytes = (...values: number[]) => new Uint8Array(values).buffer;

/** A credential as a browser without `toJSON()` hands it over (binary fields), or with one. */
function fakeCredential(withToJson: boolean, kind: 'attestation' | 'assertion' = 'attestation') {
  const response =
    kind === 'attestation'
      ? { clientDataJSON: bytes(1, 2, 3), attestationObject: bytes(250, 251, 252, 253), getTransports: () => ['internal', 'hybrid'] }
      : { clientDataJSON: bytes(1, 2, 3), authenticatorData: bytes(4, 5), signature: bytes(255, 254), userHandle: bytes(97, 98) };
  return {
    id: 'AQID',
    rawId: bytes(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response,
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
    ...(withToJson ? { toJSON: () => ({ id: 'from-toJSON', response: {} }) } : {}),
  };
}

describe('passkeys', () => {
  it('the options calls: registration with the session (rp, user, discoverable), sign-in without one', async () => {
    const { email, data } = await registerUser();
    const { auth, sent } = newClient();
    await auth.login({ email, password: PASSWORD });
    expect(await auth.passkeys()).toEqual([]);
    const registration = await auth.passkeyRegistrationOptions();
    expect(registration.challenge_id).toEqual(expect.any(String));
    expect(registration.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(registration.options).toMatchObject({
      rp: { id: 'localhost' },
      user: { name: email, id: toBase64url(new TextEncoder().encode(data.user.id)) },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      authenticatorSelection: { residentKey: 'required' },
    });

    const { auth: visitor, sent: visitorSent } = newClient();
    const signIn = await visitor.passkeyAuthenticationOptions();
    expect(signIn.options).toMatchObject({ rpId: 'localhost', challenge: expect.any(String) });
    expect(visitorSent.at(-1)).toMatchObject({ path: '/api/v1/auth/passkeys/authentication/options', authorization: null });
    expect(sent.at(-1)?.authorization).toMatch(/^Bearer /);

    // A credential the challenge never saw: refused, nothing stored.
    const refused = (await failure(
      visitor.verifyPasskeyAuthentication({
        challenge_id: signIn.challenge_id,
        credential: {
          id: 'AQID',
          rawId: 'AQID',
          type: 'public-key',
          response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
        },
      }),
    )) as AuthApiError;
    expect([refused.status, refused.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(await visitor.session()).toBeNull();

    // A passkey that is not there: refused (the contract says 404 NOT_FOUND; the worker answers
    // 400 VALIDATION_ERROR for now — reported). The client sent what the contract asks.
    const id = crypto.randomUUID();
    expect(await failure(auth.renamePasskey(id, 'Laptop'))).toBeInstanceOf(AuthApiError);
    expect(await failure(auth.deletePasskey(id))).toBeInstanceOf(AuthApiError);
    expect(sent.slice(-2).map((r) => [r.path, r.body])).toEqual([
      [`/api/v1/auth/passkeys/${id}`, { friendly_name: 'Laptop' }],
      [`/api/v1/auth/passkeys/${id}`, null],
    ]);
  });

  it('registerPasskey without the browser’s JSON helpers: binary options in, the credential as JSON out', async () => {
    const { email, data } = await registerUser();
    const { auth, sent } = newClient();
    await auth.login({ email, password: PASSWORD });
    const browser = fakeBrowser({ native: false });
    const err = (await failure(auth.registerPasskey({ friendly_name: '  Work laptop ' }))) as AuthApiError;
    // The fake attestation is refused by Supabase Auth, after the client sent it as JSON.
    expect([err.status, err.code]).toEqual([401, 'TOKEN_INVALID']);

    const options = sent.find((r) => r.path === '/api/v1/auth/passkeys/registration/options');
    expect(options?.authorization).toMatch(/^Bearer /);
    const { request } = browser.calls[0]!;
    expect(browser.calls.map((c) => c.kind)).toEqual(['create']);
    const publicKey = request.publicKey;
    expect(publicKey.challenge).toBeInstanceOf(ArrayBuffer);
    expect(toBase64url(publicKey.challenge)).toBe(options?.answer.data.options.challenge);
    expect(new TextDecoder().decode(publicKey.user.id)).toBe(data.user.id);
    expect(publicKey.user.name).toBe(email);
    expect(publicKey.rp).toEqual({ id: 'localhost', name: expect.any(String) });

    const verify = sent.find((r) => r.path === '/api/v1/auth/passkeys/registration/verify');
    expect(verify?.body).toEqual({
      challenge_id: expect.any(String),
      friendly_name: 'Work laptop',
      credential: {
        id: 'AQID',
        rawId: 'AQID',
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: { credProps: { rk: true } },
        response: { clientDataJSON: 'AQID', attestationObject: '-vv8_Q', transports: ['internal', 'hybrid'] },
      },
    });
  });

  it('with the browser’s parseCreationOptionsFromJSON and toJSON(), those do the conversion', async () => {
    const { email } = await registerUser();
    const { auth, sent } = newClient();
    await auth.login({ email, password: PASSWORD });
    const browser = fakeBrowser({ native: true, answer: () => fakeCredential(true) });
    await failure(auth.registerPasskey());
    expect(browser.parsed).toEqual(['creation']);
    expect(browser.calls[0]?.request.publicKey.parsedFrom.rp.id).toBe('localhost');
    const verify = sent.find((r) => r.path === '/api/v1/auth/passkeys/registration/verify');
    expect(verify?.body).toEqual({ challenge_id: expect.any(String), credential: { id: 'from-toJSON', response: {} } });
  });

  it('signInWithPasskey: discoverable options in binary form, the assertion as JSON, nothing stored when refused', async () => {
    const { auth, sent } = newClient();
    const browser = fakeBrowser({ native: false, answer: () => fakeCredential(false, 'assertion') });
    const err = (await failure(auth.signInWithPasskey())) as AuthApiError;
    expect([err.status, err.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(await auth.session()).toBeNull();
    const { request } = browser.calls[0]!;
    expect(request.mediation).toBeUndefined();
    expect(request.publicKey.challenge).toBeInstanceOf(ArrayBuffer);
    const options = sent.find((r) => r.path === '/api/v1/auth/passkeys/authentication/options');
    expect(toBase64url(request.publicKey.challenge)).toBe(options?.answer.data.options.challenge);
    expect(request.publicKey.rpId).toBe('localhost');
    const verify = sent.find((r) => r.path === '/api/v1/auth/passkeys/authentication/verify');
    expect(verify?.authorization).toBeNull();
    expect(verify?.body.credential.response).toEqual({
      clientDataJSON: 'AQID',
      authenticatorData: 'BAU',
      signature: '__4',
      userHandle: 'YWI',
    });
  });

  it('conditional mediation: asked of the browser with the signal; an abort rejects with AbortError and asks the API nothing more', async () => {
    const { auth, sent } = newClient();
    const controller = new AbortController();
    const browser = fakeBrowser({
      native: false,
      answer: (request) =>
        new Promise((_, reject) => {
          request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    });
    const pending = failure(auth.signInWithPasskey({ conditional: true, signal: controller.signal }));
    await vi.waitFor(() => expect(browser.calls).toHaveLength(1));
    expect(browser.calls[0]?.request.mediation).toBe('conditional');
    controller.abort();
    const err = (await pending) as DOMException;
    expect(err.name).toBe('AbortError');
    expect(sent.map((r) => r.path)).toEqual(['/api/v1/auth/passkeys/authentication/options']);
  });

  it('no WebAuthn here: NotSupportedError before any request; a browser answering null: NotAllowedError', async () => {
    const { auth, sent } = newClient();
    vi.stubGlobal('navigator', {});
    expect(((await failure(auth.signInWithPasskey())) as DOMException).name).toBe('NotSupportedError');
    expect(((await failure(auth.registerPasskey())) as DOMException).name).toBe('NotSupportedError');
    expect(sent).toEqual([]);
    fakeBrowser({ native: false, answer: () => null });
    expect(((await failure(auth.signInWithPasskey())) as DOMException).name).toBe('NotAllowedError');
  });

  it('base64url both ways, any length, without padding', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      const text = toBase64url(data);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(new Uint8Array(fromBase64url(text))).toEqual(data);
    }
    expect(toBase64url(new Uint8Array([251, 255]))).toBe('-_8');
  });
});
