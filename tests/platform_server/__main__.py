"""`python -m tests.platform_server [--host 127.0.0.1] [--port 8765] [--database-url URL] [--control]`

Starts the reference platform, prints its URL and a fresh enrolment code for a demo institution.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
from pathlib import Path

import uvicorn

from tests.platform_server import SERVER_NAME
from tests.platform_server.app import DEFAULT_MAX_BATCH_BYTES, DEFAULT_MIN_CLIENT, create_app, new_enrolment_code
from tests.platform_server.storage import Storage

DEFAULT_DATABASE = Path.home() / ".skilldesk-platform" / "platform.db"
DEMO_INSTITUTION = "320106-0042"  # the institution of the golden batch
LISTENING = "listening on "  # the fixture looks for this on the first lines of the output


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.platform_server", description=SERVER_NAME)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port (printed)")
    parser.add_argument("--database-url", default=None,
                        help=f"SQLAlchemy URL; default a SQLite file {DEFAULT_DATABASE}")
    parser.add_argument("--control", action="store_true",
                        help="enable the /_control/ test endpoints (never on a real platform)")
    parser.add_argument("--demo-institution", default=DEMO_INSTITUTION,
                        help="institution code the printed enrolment code is issued to")
    parser.add_argument("--max-batch-bytes", type=int, default=DEFAULT_MAX_BATCH_BYTES)
    parser.add_argument("--min-client", default=DEFAULT_MIN_CLIENT)
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="stop when standard input closes (the test fixture uses it so that a killed "
                             "test run never leaves a server behind)")
    parser.add_argument("--log-level", default="warning")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    url = args.database_url or f"sqlite:///{DEFAULT_DATABASE}"
    storage = Storage(url)
    app = create_app(storage, control=args.control, max_batch_bytes=args.max_batch_bytes, min_client=args.min_client)

    listener = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(128)
    port = listener.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    code = new_enrolment_code(storage, args.demo_institution)

    config = uvicorn.Config(app, http="h11", loop="asyncio", lifespan="off", log_level=args.log_level,
                            timeout_graceful_shutdown=2,
                            access_log=args.log_level in ("info", "debug", "trace"))
    server = uvicorn.Server(config)
    if args.exit_with_stdin:
        def wait_for_eof() -> None:
            sys.stdin.buffer.read()
            server.should_exit = True
        threading.Thread(target=wait_for_eof, daemon=True, name="stdin-watch").start()

    print(f"{SERVER_NAME} {LISTENING}http://{host}:{port}", flush=True)
    print(f"database: {storage.engine.url.render_as_string(hide_password=True)}", flush=True)
    print(f"platform key id: {storage.key_id}", flush=True)
    print(f"enrolment code for institution {args.demo_institution}: {code['code']} "
          f"(valid until {code['expires_at']})", flush=True)
    print("control endpoints: " + ("enabled under /_control/" if args.control else "disabled"), flush=True)
    try:
        server.run(sockets=[listener])
    finally:
        storage.dispose()


if __name__ == "__main__":
    main()
