"""``lotse serve DIR [--port N]``: preview an app package on 127.0.0.1 as the Integreat API."""

from __future__ import annotations

from models.i18n import N_

from ..serve import make_server


def register(sub, common) -> None:
    parser = sub.add_parser(
        "serve", parents=[common], help="serve an app package folder on 127.0.0.1 (preview)"
    )
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.set_defaults(func=run)


def run(args) -> int:
    server = make_server(args.folder, args.port, verbose=args.verbose)
    host, port = server.server_address[:2]
    print(
        N_(
            "Serving {folder} at {url} (Ctrl+C stops)",
            folder=args.folder,
            url=f"http://{host}:{port}/api/v3/regions/",
        ),
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
