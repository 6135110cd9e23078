"""A throw-away PKI for the demo, tests and benchmarks: root, issuing CA, OCSP, CRL and a TSA.

Runtime code (`motcua demo` signs its results on it), so it lives outside `signatures/testing`;
the tests reach it through `motcua.signatures.testing.pki`.

Built with certomancer and served over real HTTP on loopback by a Werkzeug server in a thread.
Keys are generated when the PKI is built (never committed); certificates are issued relative to
"now", so the PKI is always current. Switch the server off to test what still validates offline.

Never for production: the province's certificates come from the Government Cipher Committee.
"""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from motcua.core.loopback import serve_in_thread, shut_down

ARCH = "motcua"
KEY_USAGE_SIGNING = ["digital_signature", "non_repudiation"]


@dataclass(frozen=True)
class Party:
    """An end-entity certificate holder: an official (personal) or an agency (seal)."""

    label: str
    common_name: str
    organization: str = ""
    unit: str = ""
    issuer: str = "ca"
    valid_from_days: int = -365
    valid_to_days: int = 3 * 365
    revoked_days_ago: int | None = None
    email: str = ""
    # Name the issuer's certificate address (AIA caIssuers) too, as certificates of public CAs do.
    ca_issuers: bool = False


# The parties of the test PKI. Names carry Vietnamese diacritics on purpose.
TEST_PARTIES: tuple[Party, ...] = (
    Party("seal", "Sở Tư pháp tỉnh Quảng Trị", organization="Sở Tư pháp tỉnh Quảng Trị"),
    Party("official", "Nguyễn Văn An", organization="Sở Tư pháp tỉnh Quảng Trị", unit="Ban Giám đốc"),
    Party("official-2", "Phạm Thị Dung", organization="Sở Tư pháp tỉnh Quảng Trị", unit="Ban Giám đốc"),
    Party(
        "official-revoked",
        "Trần Văn Bình",
        organization="Sở Tư pháp tỉnh Quảng Trị",
        revoked_days_ago=10,
    ),
    Party(
        "official-expired",
        "Lê Thị Cúc",
        organization="Sở Tư pháp tỉnh Quảng Trị",
        valid_from_days=-3 * 365,
        valid_to_days=-30,
    ),
    Party("rogue-signer", "Kẻ Giả Mạo", organization="Không rõ", issuer="rogue-root"),
)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(now: datetime, start_days: int, end_days: int) -> dict[str, str]:
    return {
        "valid-from": _iso(now + timedelta(days=start_days)),
        "valid-to": _iso(now + timedelta(days=end_days)),
    }


def _ca_extensions(crl_repo: str | None, path_len: int | None = None) -> list[dict[str, Any]]:
    constraints: dict[str, Any] = {"ca": True}
    if path_len is not None:
        constraints["path-len-constraint"] = path_len
    extensions: list[dict[str, Any]] = [
        {"id": "basic_constraints", "critical": True, "value": constraints},
        {
            "id": "key_usage",
            "critical": True,
            "smart-value": {
                "schema": "key-usage",
                "params": ["digital_signature", "key_cert_sign", "crl_sign"],
            },
        },
    ]
    if crl_repo:
        extensions.append(
            {
                "id": "crl_distribution_points",
                "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [crl_repo]}},
            }
        )
    return extensions


def _leaf_extensions(
    issuer: str, usage: list[str], eku: list[str] | None = None, *, ca_issuers: bool = False
) -> list[dict[str, Any]]:
    aia: dict[str, Any] = {"ocsp-responder-names": [issuer]}
    if ca_issuers:
        aia["ca-issuer-links"] = [{"repo": issuer}]
    extensions: list[dict[str, Any]] = [
        {"id": "key_usage", "critical": True, "smart-value": {"schema": "key-usage", "params": usage}},
        {
            "id": "crl_distribution_points",
            "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [issuer]}},
        },
        {"id": "authority_information_access", "smart-value": {"schema": "aia-urls", "params": aia}},
    ]
    if eku:
        extensions.append({"id": "extended_key_usage", "critical": True, "value": eku})
    return extensions


def pki_config(url_prefix: str, parties: Iterable[Party], *, now: datetime | None = None) -> dict[str, Any]:
    """The certomancer configuration: one architecture with a trusted and a rogue hierarchy."""
    now = now or datetime.now(UTC)
    parties = list(parties)
    labels = ["root", "ca", "ocsp", "tsa", "rogue-root", *(p.label for p in parties)]
    entities: dict[str, dict[str, str]] = {
        "root": {"common-name": "motcua Test Root CA", "organization-name": "motcua (thử nghiệm)"},
        "ca": {"common-name": "motcua Test Specialized CA", "organization-name": "motcua (thử nghiệm)"},
        "ocsp": {"common-name": "motcua Test OCSP Responder", "organization-name": "motcua (thử nghiệm)"},
        "tsa": {
            "common-name": "motcua Test Time Stamping Authority",
            "organization-name": "motcua (thử nghiệm)",
        },
        "rogue-root": {"common-name": "Rogue Root CA", "organization-name": "Không được tin cậy"},
    }
    certs: dict[str, dict[str, Any]] = {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": _validity(now, -5 * 365, 20 * 365),
            "extensions": _ca_extensions(None),
        },
        "ca": {
            "issuer": "root",
            "validity": _validity(now, -5 * 365, 15 * 365),
            "extensions": _ca_extensions("root", path_len=0),
        },
        "ocsp": {
            "issuer": "ca",
            "validity": _validity(now, -5 * 365, 10 * 365),
            "extensions": [
                {
                    "id": "key_usage",
                    "critical": True,
                    "smart-value": {"schema": "key-usage", "params": ["digital_signature"]},
                },
                {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                {"id": "ocsp_no_check"},
            ],
        },
        "tsa": {
            "issuer": "root",
            "validity": _validity(now, -5 * 365, 10 * 365),
            "extensions": [
                {
                    "id": "key_usage",
                    "critical": True,
                    "smart-value": {"schema": "key-usage", "params": ["digital_signature"]},
                },
                {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                {
                    "id": "crl_distribution_points",
                    "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": ["root"]}},
                },
            ],
        },
        "rogue-root": {
            "subject": "rogue-root",
            "issuer": "rogue-root",
            "validity": _validity(now, -5 * 365, 20 * 365),
            "extensions": _ca_extensions(None),
        },
    }
    for party in parties:
        name = {"common-name": party.common_name, "country-name": "VN"}
        if party.organization:
            name["organization-name"] = party.organization
        if party.unit:
            name["organizational-unit-name"] = party.unit
        entities[party.label] = name
        spec: dict[str, Any] = {
            "issuer": party.issuer,
            "validity": _validity(now, party.valid_from_days, party.valid_to_days),
            "extensions": _leaf_extensions(party.issuer, KEY_USAGE_SIGNING, ca_issuers=party.ca_issuers),
        }
        if party.revoked_days_ago is not None:
            spec["revocation"] = {
                "revoked-since": _iso(now - timedelta(days=party.revoked_days_ago)),
                "reason": "key_compromise",
            }
        certs[party.label] = spec
    return {
        "external-url-prefix": url_prefix,
        "keysets": {ARCH: {"keys": {label: {"path": f"{label}.key.pem"} for label in labels}}},
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {"country-name": "VN"},
                "entities": entities,
                "certs": certs,
                "services": {
                    "ocsp": {
                        "ca": {"for-issuer": "ca", "responder-cert": "ocsp", "signing-key": "ocsp"},
                        "rogue-root": {
                            "for-issuer": "rogue-root",
                            "responder-cert": "rogue-root",
                            "signing-key": "rogue-root",
                        },
                    },
                    "crl-repo": {
                        "root": {
                            "for-issuer": "root",
                            "signing-key": "root",
                            "simulated-update-schedule": "P30D",
                        },
                        "ca": {"for-issuer": "ca", "signing-key": "ca", "simulated-update-schedule": "P7D"},
                        "rogue-root": {
                            "for-issuer": "rogue-root",
                            "signing-key": "rogue-root",
                            "simulated-update-schedule": "P7D",
                        },
                    },
                    "cert-repo": {
                        "root": {"for-issuer": "root", "publish-issued-certs": True},
                        "ca": {"for-issuer": "ca", "publish-issued-certs": True},
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


def generate_keys(directory: Path, labels: Iterable[str]) -> None:
    """RSA-2048 keys, one PEM file per label; existing files are kept."""
    directory.mkdir(parents=True, exist_ok=True)
    for label in labels:
        path = directory / f"{label}.key.pem"
        if path.exists():
            continue
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path.write_bytes(pem)
        path.chmod(0o600)


class _KeptKeysBackend:
    """certomancer's signing backend, with each private key parsed once per process.

    certomancer parses the DER private key again for every signature it makes (every timestamp
    token, OCSP response and CRL), and OpenSSL 3 checks an RSA key's consistency on every parse:
    profiling `bench/signing.py` put that at three quarters of the test TSA's CPU per token. The
    signature itself is unchanged: the same key, padding and digest (RSA PKCS#1 v1.5 is
    deterministic, so the bytes are the same too); other algorithms go to certomancer as before.
    """

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self._keys: dict[bytes, Any] = {}
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:  # load_public_key, optimal_pss_params...
        return getattr(self._backend, name)

    def load_private_key(
        self, key_bytes: bytes, password: bytes | None
    ) -> tuple[asn1_keys.PrivateKeyInfo, asn1_keys.PublicKeyInfo]:
        """certomancer's, with the key parsed once and not checked: certomancer parses each key
        twice, and each check costs some 40 ms here. The keys are this PKI's own, made by
        `generate_keys` (certomancer loads no other), so there is nothing to check them against."""
        from asn1crypto import pem

        load = (
            serialization.load_pem_private_key
            if pem.detect(key_bytes)
            else serialization.load_der_private_key
        )
        key = load(key_bytes, password=password, unsafe_skip_rsa_key_validation=True)
        private = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return asn1_keys.PrivateKeyInfo.load(private), asn1_keys.PublicKeyInfo.load(public)

    def generic_sign(self, private_key: asn1_keys.PrivateKeyInfo, tbs_bytes: bytes, sd_algo: Any) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        if sd_algo.signature_algo != "rsassa_pkcs1v15":
            return bytes(self._backend.generic_sign(private_key, tbs_bytes, sd_algo))
        der = private_key.dump()
        with self._lock:
            key = self._keys.get(der)
        if key is None:
            key = serialization.load_der_private_key(der, password=None, unsafe_skip_rsa_key_validation=True)
            with self._lock:
                if len(self._keys) >= 256:  # a test session builds many PKIs: stay bounded
                    self._keys.clear()
                self._keys[der] = key
        if not isinstance(key, rsa.RSAPrivateKey):
            return bytes(self._backend.generic_sign(private_key, tbs_bytes, sd_algo))
        digest = getattr(hashes, sd_algo.hash_algo.upper())()
        return key.sign(tbs_bytes, padding.PKCS1v15(), digest)


def _keep_parsed_keys() -> None:
    """Install `_KeptKeysBackend` as certomancer's backend (idempotent)."""
    from certomancer import crypto_utils

    if not isinstance(crypto_utils.CRYPTO_BACKEND, _KeptKeysBackend):
        crypto_utils.CRYPTO_BACKEND = _KeptKeysBackend(crypto_utils.CRYPTO_BACKEND)  # type: ignore[assignment]


def _light_timestamp_certificates(arch: Any) -> None:
    """The TSA embeds its certificate as freshly loaded DER (idempotent).

    certomancer hands each timestamper the architecture's parsed certificate object; asn1crypto
    deep-copies a parsed value when it is placed in a new structure and re-encodes it field by
    field: three quarters of the remaining CPU per token. A certificate loaded from its DER is
    parsed only as far as it is read and encodes as its original bytes: the same token.
    """
    registry = arch.service_registry
    if getattr(registry, "_motcua_light_certificates", False):
        return
    summon = registry.summon_timestamper
    ders: dict[Any, tuple[bytes, list[bytes]]] = {}

    def summon_light(label: Any, at_time: Any = None) -> Any:
        tsa = summon(label, at_time)
        if label not in ders:
            ders[label] = (tsa.tsa_cert.dump(), [c.dump() for c in tsa.certs_to_embed])
        own, others = ders[label]
        tsa.tsa_cert = asn1_x509.Certificate.load(own)
        tsa.certs_to_embed = [asn1_x509.Certificate.load(der) for der in others]
        return tsa

    registry.summon_timestamper = summon_light
    registry._motcua_light_certificates = True


# Below Linux's ephemeral range (32768-60999), where bind(0), Django's live servers and outgoing
# connections take their ports.
_OWN_PORTS = (20000, 30000)


def free_port() -> int:
    """A loopback port nothing listens on, for a server that binds it only seconds later.

    The PKI's port is written into its certificates before it starts serving, so the port cannot
    be bound at once. Taken outside the ephemeral range, it cannot be handed meanwhile to a bind(0)
    elsewhere (another test worker's live server did exactly that once).
    """
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(*_OWN_PORTS)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free loopback port between {_OWN_PORTS[0]} and {_OWN_PORTS[1]}")


@dataclass
class Pki:
    """A built PKI: certificates, keys and (when started) its HTTP services on loopback."""

    directory: Path
    port: int
    parties: tuple[Party, ...]
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The host its certificates name; the services always listen on 127.0.0.1.
    host: str = "127.0.0.1"
    _arch: Any = None
    _server: Any = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/{ARCH}/tsa/tsa"

    @property
    def config_path(self) -> Path:
        return self.directory / "certomancer.yml"

    def build(self) -> Pki:
        from certomancer.registry import ArchLabel, CertomancerConfig

        _keep_parsed_keys()
        labels = ["root", "ca", "ocsp", "tsa", "rogue-root", *(p.label for p in self.parties)]
        generate_keys(self.directory / "keys", labels)
        config = pki_config(self.url, self.parties, now=self.now)
        self.config_path.write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        cfg = CertomancerConfig(
            config, key_search_dir=str(self.directory / "keys"), external_url_prefix=self.url
        )
        self._arch = cfg.get_pki_arch(ArchLabel(ARCH))
        return self

    @property
    def arch(self) -> Any:
        if self._arch is None:
            self.build()
        return self._arch

    # Certificates and keys --------------------------------------------------------------------
    def cert(self, label: str) -> asn1_x509.Certificate:
        return self.arch.get_cert(label)

    def cert_pem(self, label: str) -> bytes:
        from asn1crypto import pem

        return pem.armor("CERTIFICATE", self.cert(label).dump())

    def private_key(self, label: str) -> asn1_keys.PrivateKeyInfo:
        return self.arch.key_set.get_private_key(label)

    def key_pem(self, label: str) -> bytes:
        return (self.directory / "keys" / f"{label}.key.pem").read_bytes()

    def chain(self, label: str) -> list[asn1_x509.Certificate]:
        return [self.cert(lbl) for lbl in self.arch.get_chain(label)]

    def pkcs12(self, label: str, passphrase: bytes, directory: Path | None = None) -> Path:
        """Write the party's key, certificate and chain as an encrypted PKCS#12 file."""
        from cryptography import x509 as pyca_x509

        # This PKI's own key (`generate_keys`): OpenSSL's consistency check would cost some 40 ms.
        key = serialization.load_pem_private_key(
            self.key_pem(label), password=None, unsafe_skip_rsa_key_validation=True
        )
        assert isinstance(key, rsa.RSAPrivateKey)
        blob = pkcs12.serialize_key_and_certificates(
            name=label.encode(),
            key=key,
            cert=pyca_x509.load_der_x509_certificate(self.cert(label).dump()),
            cas=[pyca_x509.load_der_x509_certificate(c.dump()) for c in self.chain(label)],
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
        )
        target = (directory or self.directory / "p12") / f"{label}.p12"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
        target.chmod(0o600)
        return target

    # HTTP services ----------------------------------------------------------------------------
    def start(self) -> Pki:
        """Serve CRL, OCSP, TSA and certificates at self.url (idempotent)."""
        if self._server is not None:
            return self
        from certomancer.integrations.animator import Animator, AnimatorArchStore
        from certomancer.registry import ArchLabel
        from werkzeug.serving import WSGIRequestHandler, make_server

        _keep_parsed_keys()
        _light_timestamp_certificates(self.arch)

        class QuietHandler(WSGIRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                pass

        app = Animator(
            AnimatorArchStore({ArchLabel(ARCH): self.arch}), with_web_ui=False, allow_time_override=True
        )
        self._server = make_server("127.0.0.1", self.port, app, threaded=True, request_handler=QuietHandler)
        self._thread = serve_in_thread(self._server, "test-pki")
        return self

    def stop(self) -> None:
        """Switch the PKI off: CRL, OCSP and TSA stop answering."""
        if self._server is None:
            return
        shut_down(self._server, self._thread)
        self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None


def build_test_pki(
    directory: Path,
    *,
    port: int | None = None,
    parties: Iterable[Party] = TEST_PARTIES,
    host: str = "127.0.0.1",
) -> Pki:
    """Generate keys and certificates for a fresh PKI in `directory` (not yet serving)."""
    return Pki(directory=directory, port=port or free_port(), parties=tuple(parties), host=host).build()
