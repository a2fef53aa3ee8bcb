"""`python -m web.store migrate`: bring the PostgreSQL database at SUMMARIZER_DATABASE_URL up to date.

The app does this itself at start; run it first when the app's database user may not create tables, or to
migrate once before rolling a new version out to several hosts. SQLite files grow their schema at start.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.store", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["migrate", "version"])
    args = parser.parse_args(argv)
    url = os.environ.get("SUMMARIZER_DATABASE_URL", "").strip()
    if not url:
        print("Set SUMMARIZER_DATABASE_URL to the PostgreSQL database (postgresql://user:password@host/db).",
              file=sys.stderr)
        return 2
    import psycopg

    from .postgres import migrate, schema_version

    try:
        version = migrate(url) if args.command == "migrate" else schema_version(url)
    except psycopg.Error as error:
        print(f"The database cannot be used: {str(error).strip()}", file=sys.stderr)
        return 1
    print(f"The database is at schema version {version}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
