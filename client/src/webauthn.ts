/**
 * The browser's side of a passkey ceremony: the API's W3C JSON options
 * (`PublicKeyCredentialCreationOptionsJSON`, `PublicKeyCredentialRequestOptionsJSON`) go
 * to `navigator.credentials.create()` / `.get()`, and the credential comes back as its JSON
 * form (`RegistrationResponseJSON`, `AuthenticationResponseJSON`). Where the browser has
 * `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` and
 * `credential.toJSON()`, they do the conversion; elsewhere the few binary fields are
 * converted here (base64url ↔ ArrayBuffer). No DOM types are assumed, so this compiles
 * (and its helpers run) outside browsers too.
 */

/** A WebAuthn JSON object as the API answers or takes it. */
export type WebAuthnJson = Record<string, unknown>;

/** What the conversion needs of `PublicKeyCredential` (the interface object). */
interface CredentialStatics {
  parseCreationOptionsFromJSON?(options: WebAuthnJson): unknown;
  parseRequestOptionsFromJSON?(options: WebAuthnJson): unknown;
}

/** What this module reads of a `PublicKeyCredential` (an instance). */
interface BrowserCredential {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: Record<string, unknown> & { clientDataJSON: ArrayBuffer; getTransports?(): string[] };
  getClientExtensionResults(): unknown;
  toJSON?(): WebAuthnJson;
}

/** What this module uses of `navigator.credentials`. */
interface CredentialsContainer {
  create(options: unknown): Promise<unknown>;
  get(options: unknown): Promise<unknown>;
}

const scope = globalThis as unknown as { navigator?: { credentials?: CredentialsContainer }; PublicKeyCredential?: CredentialStatics };

/** base64url (padding optional) → bytes. */
export function fromBase64url(text: string): ArrayBuffer {
  const binary = atob(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Bytes → base64url without padding. */
export function toBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

type Descriptor = { id: string } & WebAuthnJson;
const descriptors = (list: unknown) => (list as Descriptor[] | undefined)?.map((item) => ({ ...item, id: fromBase64url(item.id) }));

/** `PublicKeyCredentialCreationOptionsJSON` → the options of `navigator.credentials.create({ publicKey })`. */
function creationOptions(json: WebAuthnJson): unknown {
  const parse = scope.PublicKeyCredential?.parseCreationOptionsFromJSON;
  if (parse) return parse.call(scope.PublicKeyCredential, json);
  const user = json.user as { id: string } & WebAuthnJson;
  return {
    ...json,
    challenge: fromBase64url(json.challenge as string),
    user: { ...user, id: fromBase64url(user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  };
}

/** `PublicKeyCredentialRequestOptionsJSON` → the options of `navigator.credentials.get({ publicKey })`. */
function requestOptions(json: WebAuthnJson): unknown {
  const parse = scope.PublicKeyCredential?.parseRequestOptionsFromJSON;
  if (parse) return parse.call(scope.PublicKeyCredential, json);
  return { ...json, challenge: fromBase64url(json.challenge as string), allowCredentials: descriptors(json.allowCredentials) };
}

/** A `PublicKeyCredential` as JSON: its own `toJSON()` when it has one, else the same built here. */
function credentialJson(credential: BrowserCredential): WebAuthnJson {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const { response } = credential;
  const json: WebAuthnJson = {};
  for (const field of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
    const value = response[field];
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) json[field] = toBase64url(value);
  }
  if (typeof response.getTransports === 'function') json.transports = response.getTransports();
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: json,
  };
}

/** `navigator.credentials`, or a NotSupportedError where there is none (a server, an old browser). */
export function credentials(): CredentialsContainer {
  const container = scope.navigator?.credentials;
  if (!container || !scope.PublicKeyCredential) throw new DOMException('This browser does not support passkeys', 'NotSupportedError');
  return container;
}

/** The credential a ceremony answered; `null` (no credential chosen) as the NotAllowedError browsers use for a cancel. */
function chosen(credential: unknown): WebAuthnJson {
  if (!credential) throw new DOMException('No passkey was chosen', 'NotAllowedError');
  return credentialJson(credential as BrowserCredential);
}

/** `container.create()` with the API's registration options; answers `RegistrationResponseJSON`. */
export async function createCredential(
  container: CredentialsContainer,
  options: WebAuthnJson,
  signal?: AbortSignal,
): Promise<WebAuthnJson> {
  return chosen(await container.create({ publicKey: creationOptions(options), signal }));
}

/**
 * `container.get()` with the API's sign-in options, `conditional`: offered in the autofill
 * of a field with `autocomplete="username webauthn"` rather than in a dialog. Answers
 * `AuthenticationResponseJSON`.
 */
export async function getCredential(
  container: CredentialsContainer,
  options: WebAuthnJson,
  conditional: boolean,
  signal?: AbortSignal,
): Promise<WebAuthnJson> {
  return chosen(await container.get({ publicKey: requestOptions(options), signal, ...(conditional ? { mediation: 'conditional' } : {}) }));
}
