"""The VNeID sandbox (accounts.idp) follows the authorization-code flow strictly enough to stand for
the real provider: codes are single use and bound to the client and redirect URI, the client secret
and PKCE verifier are checked, tokens are RS256-signed with the published key and carry the nonce."""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from motcua.accounts.idp import IdentityProvider, start_idp

SUB = "vneid-045190000101"
BACK = "http://127.0.0.1:9/oidc/callback/"


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    provider = start_idp()
    yield provider
    provider.stop()


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _code(idp: IdentityProvider, **extra: str) -> str:
    params = {"client_id": idp.client_id, "redirect_uri": BACK, "state": "s1", "nonce": "n1", **extra}
    location = idp.authorize(params, SUB)
    query = parse_qs(urlparse(location).query)
    assert query["state"] == ["s1"]
    return query["code"][0]


def _post(url: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=urlencode(form).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _token(idp: IdentityProvider, code: str, **extra: str) -> tuple[int, dict[str, Any]]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": BACK,
        "client_id": idp.client_id,
        "client_secret": idp.client_secret,
        **extra,
    }
    return _post(idp.url + "/token", form)


def test_a_code_gives_a_signed_token_with_the_nonce_and_the_claims(idp):
    status, body = _token(idp, _code(idp))
    assert status == 200
    header, payload, signature = body["id_token"].split(".")
    key = idp.jwks()["keys"][0]
    assert json.loads(_b64d(header))["kid"] == key["kid"]
    public = rsa.RSAPublicNumbers(
        int.from_bytes(_b64d(key["e"]), "big"), int.from_bytes(_b64d(key["n"]), "big")
    ).public_key()
    public.verify(_b64d(signature), f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    claims = json.loads(_b64d(payload))
    assert (claims["sub"], claims["nonce"], claims["aud"]) == (SUB, "n1", idp.client_id)
    request = urllib.request.Request(
        idp.url + "/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    with urllib.request.urlopen(request, timeout=5) as reply:
        info = json.loads(reply.read())
    assert (info["national_id"], info["birthdate"]) == ("045190000101", "1990-04-12")


def test_a_code_is_single_use(idp):
    code = _code(idp)
    assert _token(idp, code)[0] == 200
    assert _token(idp, code) == (400, {"error": "invalid_grant"})


def test_the_client_secret_and_redirect_uri_are_checked(idp):
    assert _token(idp, _code(idp), client_secret="sai")[0] == 401
    assert _token(idp, _code(idp), redirect_uri="http://evil.example/cb")[0] == 400


def test_pkce_is_checked_when_asked_for(idp):
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert _token(idp, _code(idp, code_challenge=challenge), code_verifier="khac")[0] == 400
    assert _token(idp, _code(idp, code_challenge=challenge), code_verifier=verifier)[0] == 200


def test_a_bad_bearer_gets_nothing(idp):
    request = urllib.request.Request(idp.url + "/userinfo", headers={"Authorization": "Bearer x"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 401
