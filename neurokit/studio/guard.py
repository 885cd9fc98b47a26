"""ASGI middleware in front of every request: the token and the Host check (see ``safety``)."""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.responses import JSONResponse

from neurokit.studio import safety


class Guard:
    """Refuse requests without the token (when there is one) or naming a foreign Host."""

    def __init__(self, app, token: str | None = None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        from_query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
        refusal = self._refusal(headers, from_query[0] if from_query else None)
        if refusal:
            await JSONResponse({"error": refusal, "problems": []}, status_code=403)(
                scope, receive, send
            )
            return
        if self.token and from_query:
            await self.app(scope, receive, self._with_cookie(send))
            return
        await self.app(scope, receive, send)

    def _refusal(self, headers: dict, query_token: str | None) -> str:
        if self.token is None:
            host = safety.host_name(headers.get("host", ""))
            if not safety.is_loopback(host) and host != "testserver":
                return f"this studio answers only on localhost, not for host {host!r}"
            return ""
        cookie = SimpleCookie(headers.get("cookie", ""))
        from_cookie = cookie[safety.TOKEN_COOKIE].value if safety.TOKEN_COOKIE in cookie else None
        if safety.token_matches(self.token, query_token) or safety.token_matches(
            self.token, from_cookie
        ):
            return ""
        return "this studio needs its access token: open the URL it printed"

    def _with_cookie(self, send):
        """Hand the page a cookie holding the token, so its assets and fonts load too."""
        cookie = f"{safety.TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"

        async def sender(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + [
                    (b"set-cookie", cookie.encode("latin-1"))
                ]
            await send(message)

        return sender
