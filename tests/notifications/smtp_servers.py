"""Local SMTP servers for the e-mail tests (issue 18 §3): one that accepts connections and never
answers, a port that refuses them, and a real server (aiosmtpd) that can refuse and come back."""

import contextlib
import email
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@contextlib.contextmanager
def hanging_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (no SMTP greeting)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for conn in accepted:
            conn.close()
        listener.close()


def refused_port() -> int:
    """A port nothing listens on: connecting is refused at once."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@dataclass
class Handler:
    """aiosmtpd handler. `refuse`: an SMTP reply given to every message (e.g. "451 …" while the
    server is 'down'); `refuse_rcpt`: addresses refused for good (550)."""

    refuse: str = ""
    refuse_rcpt: set[str] = field(default_factory=set)
    received: list[email.message.Message] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        self.received.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted"


@contextlib.contextmanager
def smtp_server(port: int = 0) -> Iterator[tuple[Handler, int]]:
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port or refused_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def smtp_mailers(port: int, *, timeout: float = 1) -> dict:
    """MAILERS as settings.py makes them with EMAIL_HOST set, pointing at a local port."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": timeout},
        }
    }
