"""A stand-in for Microsoft's cloud on 127.0.0.1: Bot Framework OpenID metadata and signing keys, the
Entra ID token endpoint (client credentials) and a Bot Connector service URL that records replies.

The RSA signing key is generated when the fake starts; `token()` issues Bot Connector style JWTs.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, unquote

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class ConnectorPost:
    path: str
    authorization: str
    body: Dict[str, Any]


@dataclass
class TokenRequest:
    path: str
    form: Dict[str, str]


class FakeMicrosoft:
    """Identity provider + Bot Connector for one bot (app id / password, optional tenant)."""

    def __init__(self, app_id: str, app_password: str, channel_id: str = "msteams") -> None:
        self.app_id = app_id
        self.app_password = app_password
        self.channel_id = channel_id
        self.key = rsa_key()
        self.kid = f"kid-{secrets.token_hex(4)}"
        self.access_tokens: List[str] = []
        self.token_requests: List[TokenRequest] = []
        self.posts: List[ConnectorPost] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # --- addresses --------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def openid_metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    @property
    def service_url(self) -> str:
        return f"{self.base_url}/teams/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- tokens -----------------------------------------------------------------------------------
    def token(
        self,
        service_url: str,
        key: Optional[rsa.RSAPrivateKey] = None,
        kid: Optional[str] = None,
        algorithm: str = "RS256",
        **overrides: Any,
    ) -> str:
        """A Bot Connector JWT (valid unless `overrides` or another key say otherwise)."""
        now = int(time.time())
        claims: Dict[str, Any] = {
            "serviceurl": service_url,
            "nbf": now - 10,
            "exp": now + 3600,
            "iss": ISSUER,
            "aud": self.app_id,
        }
        claims.update(overrides)
        claims = {name: value for name, value in claims.items() if value is not None}
        signing_key: Any = key or self.key
        return jwt.encode(claims, signing_key, algorithm=algorithm, headers={"kid": kid or self.kid})

    def jwk(self) -> Dict[str, Any]:
        key = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {**key, "kid": self.kid, "use": "sig", "endorsements": [self.channel_id]}

    # --- recordings -------------------------------------------------------------------------------
    def posts_to(self, conversation_id: str) -> List[ConnectorPost]:
        with self._lock:
            return [post for post in self.posts if f"/v3/conversations/{conversation_id}/" in post.path]

    def wait_for_posts(
        self, conversation_id: str, count: int = 1, timeout: float = 30
    ) -> List[ConnectorPost]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.posts_to(conversation_id)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{count} reply(ies) expected in {conversation_id} within {timeout:.0f} s")

    # --- HTTP -------------------------------------------------------------------------------------
    def _get(self, path: str) -> Tuple[int, Dict[str, Any]]:
        if path == "/v1/.well-known/openidconfiguration":
            return 200, {
                "issuer": ISSUER,
                "authorization_endpoint": f"{self.base_url}/v1/authorize",
                "jwks_uri": f"{self.base_url}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            }
        if path == "/v1/.well-known/keys":
            return 200, {"keys": [self.jwk()]}
        return 404, {"error": "not found"}

    def _post(self, path: str, authorization: str, raw: str) -> Tuple[int, Dict[str, Any]]:
        if path.endswith("/oauth2/v2.0/token"):
            form = dict(parse_qsl(raw))
            with self._lock:
                self.token_requests.append(TokenRequest(path, form))
            expected = {
                "grant_type": "client_credentials",
                "client_id": self.app_id,
                "client_secret": self.app_password,
                "scope": "https://api.botframework.com/.default",
            }
            if any(form.get(name) != value for name, value in expected.items()):
                return 401, {"error": "invalid_client"}
            token = f"access-{secrets.token_hex(8)}"
            with self._lock:
                self.access_tokens.append(token)
            return 200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
        if path.startswith("/teams/v3/conversations/"):
            with self._lock:
                self.posts.append(ConnectorPost(unquote(path), authorization, json.loads(raw or "{}")))
                known = authorization in {f"Bearer {token}" for token in self.access_tokens}
            if not known:
                return 401, {"error": {"code": "Unauthorized", "message": "bad token"}}
            return 200, {"id": f"reply-{secrets.token_hex(4)}"}
        return 404, {"error": "not found"}

    def _handler(self) -> Callable[..., BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, payload: Dict[str, Any]) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                self._send(*fake._get(self.path.split("?")[0]))

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                self._send(*fake._post(self.path.split("?")[0], self.headers.get("Authorization", ""), raw))

            def log_message(self, *_: Any) -> None:
                pass

        return Handler


def message_activity(
    text: str,
    service_url: str,
    conversation_id: str,
    activity_id: str,
    user_id: str = "29:user-1",
    bot_id: str = "28:bot",
    value: Optional[Dict[str, Any]] = None,
    channel_id: str = "msteams",
    tenant_id: str = "tenant-test",
) -> Dict[str, Any]:
    """A Teams ``message`` activity as the Bot Connector posts it to the bot."""
    activity: Dict[str, Any] = {
        "type": "message",
        "id": activity_id,
        "timestamp": "2026-01-01T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": channel_id,
        "from": {"id": user_id, "name": "Acheteuse", "aadObjectId": "00000000-0000-0000-0000-000000000001"},
        "conversation": {"conversationType": "personal", "tenantId": tenant_id, "id": conversation_id},
        "recipient": {"id": bot_id, "name": "Assistant achats durables"},
        "text": text,
        "textFormat": "plain",
        "locale": "fr-FR",
        "channelData": {"tenant": {"id": tenant_id}},
    }
    if value is not None:
        activity["value"] = value
    return activity
