"""Where signing keys live: an encrypted PKCS#12 file (passphrase from the environment) or a
PKCS#11 token/HSM (PIN from the environment). Never a plain key in the database.

`open_signer(...)` is a context manager yielding a pyHanko Signer; a PKCS#11 session is closed
when the block ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_private_key
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import conf
from .errors import KeyUnavailable, WrongPassphrase


@dataclass(frozen=True)
class Pkcs12Key:
    path: Path
    passphrase_env: str


@dataclass(frozen=True)
class Pkcs11Key:
    module: str
    token_label: str
    key_label: str
    pin_env: str
    key_id: bytes | None = None


KeyLocation = Pkcs12Key | Pkcs11Key


class LoadedKeySigner(SimpleSigner):
    """A SimpleSigner whose private key is parsed once.

    pyHanko's SimpleSigner parses (and validates) the DER private key again inside every
    `sign_raw`: for RSA that costs about as much as opening the PKCS#12 file. Kept in a process
    cache, this signer makes each further signature cost only the signature itself.
    """

    def __init__(self, signer: SimpleSigner) -> None:
        super().__init__(
            signing_cert=signer.signing_cert,  # type: ignore[arg-type]
            signing_key=signer.signing_key,
            cert_registry=signer.cert_registry,
            signature_mechanism=signer.signature_mechanism,
            prefer_pss=signer.prefer_pss,
            embed_roots=signer.embed_roots,
        )
        self.private_key: PrivateKeyTypes = load_der_private_key(signer.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        algorithm = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            mechanism = algorithm.signature_algo
        except ValueError:
            mechanism = algorithm["algorithm"].native
        key = self.private_key
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algorithm))
        return bytes(super().sign_raw(data, digest_algorithm))  # PSS, EdDSA...: pyHanko's own way


def pkcs12_signer(
    path: Path, passphrase: str, *, chain: list[asn1_x509.Certificate] | None = None
) -> LoadedKeySigner:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KeyUnavailable("Không đọc được tệp khóa PKCS#12 của chứng thư số.") from exc
    try:
        signer = SimpleSigner.load_pkcs12_data(
            data, other_certs=chain or [], passphrase=passphrase.encode() or None
        )
    except ValueError as exc:
        raise WrongPassphrase() from exc
    return LoadedKeySigner(signer)


@contextlib.contextmanager
def pkcs11_signer(
    key: Pkcs11Key, *, certificate: asn1_x509.Certificate, chain: list[asn1_x509.Certificate] | None = None
) -> Iterator[Signer]:
    """A PKCS11Signer on an open session; the certificate comes from the register, the key from the token."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    module = key.module or conf.pkcs11_module()
    pin = conf.secret_from_env(key.pin_env or conf.pkcs11_pin_env())
    if not module or not Path(module).exists():
        raise KeyUnavailable(
            "Chưa cấu hình thư viện PKCS#11 (MOTCUA_PKCS11_MODULE) hoặc thư viện không tồn tại."
        )
    if not pin:
        raise KeyUnavailable("Chưa đặt mã PIN của thiết bị ký trong biến môi trường.")
    try:
        session = open_pkcs11_session(
            module, token_criteria=TokenCriteria(label=key.token_label), user_pin=pin
        )
    except Exception as exc:  # python-pkcs11 raises many error types
        raise KeyUnavailable(f"Không mở được thiết bị ký '{key.token_label}'.") from exc
    try:
        yield PKCS11Signer(
            session,
            signing_cert=certificate,
            ca_chain=chain or [],
            key_label=key.key_label if key.key_id is None else None,
            key_id=key.key_id,
            # the certificate comes from the register, so nothing to read from the token
            cert_label=None,
            bulk_fetch=False,
        )
    finally:
        with contextlib.suppress(Exception):
            session.close()


@contextlib.contextmanager
def open_signer(
    location: KeyLocation,
    *,
    certificate: asn1_x509.Certificate,
    chain: list[asn1_x509.Certificate] | None = None,
) -> Iterator[Signer]:
    if isinstance(location, Pkcs12Key):
        from_file = pkcs12_signer(location.path, conf.secret_from_env(location.passphrase_env), chain=chain)
        if from_file.signing_cert is None or from_file.signing_cert.dump() != certificate.dump():
            raise KeyUnavailable("Tệp PKCS#12 không chứa đúng chứng thư số đã đăng ký.")
        yield from_file
    else:
        with pkcs11_signer(location, certificate=certificate, chain=chain) as on_token:
            yield on_token


def signer_from_key(
    private_key: object, certificate: asn1_x509.Certificate, chain: list[asn1_x509.Certificate] | None = None
) -> SimpleSigner:
    """A signer from an in-memory key (tests, the demo PKI's own tools), its key parsed once."""
    return LoadedKeySigner(
        SimpleSigner(
            signing_cert=certificate,
            signing_key=private_key,  # type: ignore[arg-type]
            cert_registry=SimpleCertificateStore.from_certs(chain or []),
        )
    )
