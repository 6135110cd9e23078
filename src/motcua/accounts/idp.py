"""A small OpenID Connect provider on loopback that plays VNeID for the demo and the tests.

Runtime code with no test dependency (oidc-provider-mock stays a dev dependency): the standard
library's HTTP server, and `cryptography` (already needed for signatures) for the RS256 key.
It serves the authorization-code flow as mozilla-django-oidc uses it:

    GET  /.well-known/openid-configuration   discovery
    GET  /authorize                          the citizen picks a demo identity (a page in Vietnamese)
    POST /authorize                          → 302 to redirect_uri?code=…&state=…
    POST /token                              code → access token and a signed ID token (nonce kept)
    GET  /userinfo                           the claims (Bearer access token)
    GET  /jwks                               the public key

Codes are single use and live 60 seconds; the client secret is checked at /token. Claims follow
OpenID Connect (`name`, `birthdate`, `address.formatted`, `phone_number`) plus `national_id`, the
12-digit personal identification number. Started by `motcua demo` and the tests (`start_idp`);
`stop()` ends it. Production points the MOTCUA_OIDC_* settings at the real VNeID by configuration.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from motcua.core.loopback import LoopbackHttpService

CODE_SECONDS = 60
TOKEN_SECONDS = 600

# Demo citizens of the identity provider: subject → claims. Their numbers belong to no demo account,
# so a first login creates the account from the identity.
DEMO_CITIZENS: dict[str, dict[str, Any]] = {
    "vneid-045190000101": {
        "name": "Nguyễn Thị Minh Châu",
        "national_id": "045190000101",
        "birthdate": "1990-04-12",
        "gender": "female",
        "phone_number": "+84912000101",
        "email": "minhchau.vneid@example.vn",
        "email_verified": True,
        "address": {"formatted": "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị"},
    },
    "vneid-045085000202": {
        "name": "Trần Văn Phúc",
        "national_id": "045085000202",
        "birthdate": "1985-11-02",
        "gender": "male",
        "phone_number": "+84905000202",
        "address": {"formatted": "Thôn Phú Lễ, xã Triệu Phong, tỉnh Quảng Trị"},
    },
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_b64(value: int) -> str:
    return _b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


@dataclass
class _Grant:
    sub: str
    client_id: str
    redirect_uri: str
    nonce: str
    expires: float
    code_challenge: str = ""


@dataclass
class IdentityProvider(LoopbackHttpService):
    thread_name = "vneid-sandbox"

    client_id: str = "motcua"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    citizens: dict[str, dict[str, Any]] = field(default_factory=lambda: dict(DEMO_CITIZENS))
    port: int = 0
    _key: Any = None
    _kid: str = ""
    _codes: dict[str, _Grant] = field(default_factory=dict)
    _tokens: dict[str, tuple[str, float]] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def endpoints(self) -> dict[str, str]:
        return {
            "issuer": self.url,
            "authorization_endpoint": self.url + "/authorize",
            "token_endpoint": self.url + "/token",
            "userinfo_endpoint": self.url + "/userinfo",
            "jwks_uri": self.url + "/jwks",
        }

    def settings(self) -> dict[str, Any]:
        """The Django settings that point the portal's OpenID Connect login at this provider."""
        ends = self.endpoints()
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": ends["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": ends["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": ends["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": ends["jwks_uri"],
            "OIDC_RP_SIGN_ALGO": "RS256",
            "MOTCUA_OIDC_ISSUER": ends["issuer"],
            "MOTCUA_OIDC_PROVIDER_NAME": "VNeID",
        }

    def start(self) -> IdentityProvider:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._kid = secrets.token_hex(8)
        return super().start()

    def on_get(self, handler: BaseHTTPRequestHandler) -> None:
        self._handle(handler, "GET")

    def on_post(self, handler: BaseHTTPRequestHandler) -> None:
        self._handle(handler, "POST")

    # --- protocol ---------------------------------------------------------------------------------
    def jwks(self) -> dict[str, Any]:
        public = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self._kid,
                    "n": _int_b64(public.n),
                    "e": _int_b64(public.e),
                }
            ]
        }

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self._kid}
        signing_input = (
            _b64(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + _b64(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
        )
        signature = self._key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + _b64(signature)

    def authorize(self, params: dict[str, str], sub: str) -> str:
        """The citizen chose `sub`: the URL the browser goes back to, with a one-time code."""
        if sub not in self.citizens:
            raise ValueError("unknown citizen")
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Grant(
                sub=sub,
                client_id=params.get("client_id", ""),
                redirect_uri=params["redirect_uri"],
                nonce=params.get("nonce", ""),
                expires=time.time() + CODE_SECONDS,
                code_challenge=params.get("code_challenge", ""),
            )
        query = {"code": code}
        if params.get("state"):
            query["state"] = params["state"]
        glue = "&" if "?" in params["redirect_uri"] else "?"
        return params["redirect_uri"] + glue + urlencode(query)

    def token(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict[str, Any]]:
        client_id, client_secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if client_id != self.client_id or not secrets.compare_digest(client_secret, self.client_secret):
            return 401, {"error": "invalid_client"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # single use
        if (
            grant is None
            or grant.expires < time.time()
            or grant.client_id != client_id
            or grant.redirect_uri != form.get("redirect_uri")
        ):
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge:
            verifier = form.get("code_verifier", "").encode()
            if _b64(hashlib.sha256(verifier).digest()) != grant.code_challenge:
                return 400, {"error": "invalid_grant"}
        now = int(time.time())
        access = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[access] = (grant.sub, time.time() + TOKEN_SECONDS)
        id_claims = {
            "iss": self.url,
            "sub": grant.sub,
            "aud": client_id,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
        }
        if grant.nonce:
            id_claims["nonce"] = grant.nonce
        return 200, {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": self.sign(id_claims),
        }

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        token = authorization.removeprefix("Bearer ").strip()
        with self._lock:
            held = self._tokens.get(token)
        if held is None or held[1] < time.time():
            return 401, {"error": "invalid_token"}
        return 200, {"sub": held[0], **self.citizens[held[0]]}

    # --- HTTP ---------------------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        url = urlparse(h.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        try:
            if method == "GET" and url.path == "/.well-known/openid-configuration":
                return self._json(
                    h,
                    200,
                    {
                        **self.endpoints(),
                        "response_types_supported": ["code"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "subject_types_supported": ["public"],
                    },
                )
            if method == "GET" and url.path == "/jwks":
                return self._json(h, 200, self.jwks())
            if method == "GET" and url.path == "/userinfo":
                return self._json(h, *self.userinfo(h.headers.get("Authorization", "")))
            if url.path == "/authorize" and method == "GET":
                if query.get("client_id") != self.client_id or not query.get("redirect_uri"):
                    return self._page(h, 400, "<p>Yêu cầu đăng nhập không hợp lệ.</p>")
                return self._page(h, 200, self._chooser(query))
            form = self._form(h)
            if url.path == "/authorize":
                params = json.loads(form.get("params", "{}"))
                if params.get("client_id") != self.client_id or not params.get("redirect_uri"):
                    return self._page(h, 400, "<p>Yêu cầu đăng nhập không hợp lệ.</p>")
                h.send_response(302)
                h.send_header("Location", self.authorize(params, form.get("sub", "")))
                h.end_headers()
                return None
            if url.path == "/token":
                return self._json(h, *self.token(form, self._basic(h)))
            return self._json(h, 404, {"error": "not_found"})
        except (ValueError, KeyError):
            return self._json(h, 400, {"error": "invalid_request"})

    def _chooser(self, query: dict[str, str]) -> str:
        params = html.escape(json.dumps(query), quote=True)
        rows = "".join(
            '<li><form method="post" action="/authorize">'
            f'<input type="hidden" name="params" value="{params}">'
            f'<input type="hidden" name="sub" value="{html.escape(sub)}">'
            f'<button type="submit">Đăng nhập: {html.escape(c["name"])} '
            f"(số định danh {html.escape(c['national_id'])})</button></form></li>"
            for sub, c in self.citizens.items()
        )
        return (
            "<p>Môi trường thử nghiệm của Ứng dụng định danh điện tử quốc gia. "
            "Chọn công dân để đăng nhập; thông tin của họ được chia sẻ với Cổng dịch vụ công.</p>"
            f"<ul>{rows}</ul>"
        )

    @staticmethod
    def _form(h: BaseHTTPRequestHandler) -> dict[str, str]:
        length = min(int(h.headers.get("Content-Length") or 0), 64 * 1024)
        body = h.rfile.read(length).decode()
        return {k: v[0] for k, v in parse_qs(body).items()}

    @staticmethod
    def _basic(h: BaseHTTPRequestHandler) -> tuple[str, str] | None:
        value = h.headers.get("Authorization", "")
        if not value.startswith("Basic "):
            return None
        user, _, password = base64.b64decode(value[6:]).decode().partition(":")
        from urllib.parse import unquote_plus

        return unquote_plus(user), unquote_plus(password)

    @staticmethod
    def _json(h: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Cache-Control", "no-store")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _page(h: BaseHTTPRequestHandler, status: int, body: str) -> None:
        data = (
            '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>VNeID (thử nghiệm)</title>"
            "<style>body{font:16px/1.5 sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
            "color:#1b1b1b}"
            "h1{color:#a50e0e}li{list-style:none;margin:.5rem 0}button{font:inherit;padding:.6rem 1rem;"
            "background:#a50e0e;color:#fff;border:0;border-radius:4px;cursor:pointer}</style></head>"
            f"<body><main><h1>VNeID (thử nghiệm)</h1>{body}</main></body></html>"
        ).encode()
        h.send_response(status)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)


def start_idp(**kwargs: Any) -> IdentityProvider:
    return IdentityProvider(**kwargs).start()
