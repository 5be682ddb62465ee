"""A stand-in OpenID Connect provider on 127.0.0.1 for real-browser tests of Streamlit's login:
it signs in whoever the test names in `email`, without asking, through the authorization-code
flow (discovery, /authorize, /token, /jwks) with an RS256 id_token. Nothing leaves the machine."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode

from joserfc import jwt
from joserfc.jwk import RSAKey


class OIDCStandIn:
    """The provider's state: its signing key, the codes it gave out, and who signs in next."""

    def __init__(self, url: str, client_id: str) -> None:
        self.url = url
        self.client_id = client_id
        self.email = ""  # who /authorize signs in: the test sets it before clicking "Sign in"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "standin", "use": "sig"})
        self.codes: dict[str, tuple[str, str]] = {}  # code -> (email, nonce)

    def metadata(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """Where the browser goes back to: the app's redirect_uri with a fresh code and its state."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = (self.email, query.get("nonce", ""))
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict[str, str]) -> dict | None:
        """The tokens for a code given out once, else None."""
        if form.get("code") not in self.codes:
            return None
        email, nonce = self.codes.pop(form["code"])
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.client_id, "sub": email, "email": email, "nonce": nonce}
        id_token = jwt.encode(
            {"alg": "RS256", "kid": "standin"}, {**claims, "iat": now, "exp": now + 300}, self.key
        )
        return {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }


class _Handler(BaseHTTPRequestHandler):
    provider: OIDCStandIn

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == "/authorize":
            self.send_response(302)
            self.send_header("Location", self.provider.authorize(dict(parse_qsl(query))))
            self.end_headers()
        elif path == "/.well-known/openid-configuration":
            self._json(200, self.provider.metadata())
        elif path == "/jwks":
            self._json(200, {"keys": [self.provider.key.as_dict(private=False)]})
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        tokens = self.provider.token(dict(parse_qsl(body))) if self.path == "/token" else None
        if tokens is None:
            self._json(400, {"error": "invalid_grant"})
        else:
            self._json(200, tokens)

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # quiet: pytest shows failures, not traffic
        pass


@contextmanager
def oidc_standin(client_id: str) -> Iterator[OIDCStandIn]:
    """Serve a stand-in provider on a free port of 127.0.0.1 for the block's length."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    provider = OIDCStandIn(f"http://{host}:{port}", client_id)
    server.RequestHandlerClass = type("Handler", (_Handler,), {"provider": provider})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
