/**
 * A software WebAuthn authenticator for tests without a browser: one discoverable ES256
 * credential (a P-256 key pair made with node:crypto), attestation format "none". `create`
 * answers registration options the way `navigator.credentials.create()` and supabase-js's
 * serializer would (a `RegistrationResponseJSON`), `get` answers sign-in options the way
 * `navigator.credentials.get()` would (an `AuthenticationResponseJSON`, with the user
 * handle it was registered with). The CBOR of the attestation object and the COSE key is
 * encoded with @simplewebauthn/server's own helper; everything else is laid out by hand
 * here, byte by byte, as the WebAuthn spec describes authenticator data. Options let a test
 * forge what a real authenticator would never send: another origin, a counter of its
 * choosing, a broken signature.
 */
import crypto from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** The JSON a browser hands back from `navigator.credentials.create()` (`RegistrationResponseJSON`). */
interface RegistrationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: { clientDataJSON: string; attestationObject: string; transports: ['internal'] };
}

/** The JSON a browser hands back from `navigator.credentials.get()` (`AuthenticationResponseJSON`). */
interface AuthenticationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<string, never>;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
}

/** What a test may change in one ceremony. */
interface Forgery {
  /** The origin the client puts into clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** The signature counter to report (default: the next value of its own counter). */
  counter?: number;
  /** Flip a bit of the signature. */
  badSignature?: boolean;
  /** The user handle to present (base64url; default: the one it registered with). */
  userHandle?: string;
  /** Leave the user-present flag off. */
  userAbsent?: boolean;
  /** Report the backup flags (BE and BS) this way, whatever the credential is. */
  backupEligible?: boolean;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');

/** A software authenticator holding one passkey. */
export class SoftwareAuthenticator {
  readonly credentialId = crypto.randomBytes(32);
  private readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  /** Base64url user handle from the registration options (`options.user.id`). */
  userHandle: string | null = null;
  /** The signature counter (0 forever when `countsSignatures` is false, as many passkeys do). */
  private counter = 0;

  constructor(
    private readonly opts: {
      rpId: string;
      origin: string;
      /** Whether the credential may be backed up (a synced passkey): the BE and BS flags. */
      backupEligible?: boolean;
      countsSignatures?: boolean;
    },
  ) {}

  /** The credential id, base64url (what the server stores as `credential_id`). */
  get id(): string {
    return b64url(this.credentialId);
  }

  private flags(extra: number, forgery: Forgery): number {
    let flags = extra | FLAG_UV | (forgery.userAbsent ? 0 : FLAG_UP);
    if (forgery.backupEligible ?? this.opts.backupEligible) flags |= FLAG_BE | FLAG_BS;
    return flags;
  }

  private nextCounter(forgery: Forgery): number {
    if (forgery.counter !== undefined) return forgery.counter;
    if (this.opts.countsSignatures === false) return 0;
    this.counter += 1;
    return this.counter;
  }

  /** rpIdHash ‖ flags ‖ signCount (‖ attested credential data). */
  private authenticatorData(flags: number, counter: number, attested?: Buffer): Buffer {
    const head = Buffer.alloc(37);
    crypto.createHash('sha256').update(this.opts.rpId).digest().copy(head, 0);
    head.writeUInt8(flags, 32);
    head.writeUInt32BE(counter, 33);
    return attested ? Buffer.concat([head, attested]) : head;
  }

  /** The credential public key as a COSE_Key (EC2, ES256, P-256). */
  private coseKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, forgery: Forgery): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: forgery.origin ?? this.opts.origin, crossOrigin: false }));
  }

  /** Answers registration options (`navigator.credentials.create()`), remembering the user handle. */
  create(options: { challenge: string; user: { id: string } }, forgery: Forgery = {}): RegistrationResponse {
    this.userHandle = options.user.id;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const aaguid = Buffer.alloc(16);
    const attested = Buffer.concat([aaguid, idLength, this.credentialId, this.coseKey()]);
    const authData = this.authenticatorData(this.flags(FLAG_AT, forgery), this.nextCounter(forgery), attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, forgery)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** Answers sign-in options (`navigator.credentials.get()`) with a signed assertion. */
  get(options: { challenge: string }, forgery: Forgery = {}): AuthenticationResponse {
    const authData = this.authenticatorData(this.flags(0, forgery), this.nextCounter(forgery));
    const clientData = this.clientData('webauthn.get', options.challenge, forgery);
    const signed = Buffer.concat([authData, crypto.createHash('sha256').update(clientData).digest()]);
    const signature = crypto.sign('sha256', signed, this.keys.privateKey);
    if (forgery.badSignature) signature.writeUInt8(signature.readUInt8(signature.length - 1) ^ 0x01, signature.length - 1);
    const userHandle = forgery.userHandle ?? this.userHandle;
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle ? { userHandle } : {}),
      },
    };
  }
}
