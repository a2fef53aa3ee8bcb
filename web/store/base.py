"""What every store backend shares: the records it hands back, its errors, and the operations it must offer.

The interface (web/store/__init__.py) does the work that is the same everywhere (ids, JSON, sizes, titles,
the quota's arithmetic, expiry); a backend (sqlite.py, postgres.py) only reads and writes rows.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class StorageError(Exception):
    """A write (or, for a database server, any use) of the database failed; `reason` says why in the user's
    words (it ends without a full stop). `reads_work` is False when saved briefs cannot be read either."""

    def __init__(self, reason: str, *, reads_work: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.reads_work = reads_work


@dataclass(frozen=True)
class Quota:
    briefs: int  # briefs per maker per window
    bytes: int  # bytes per maker per window
    seconds: int = 86_400  # the window: a day


class QuotaExceeded(Exception):
    """The maker has saved as many briefs, or bytes, as a day allows.

    `too_large` is set when this one brief is over the whole daily size; otherwise `retry_after` is the
    number of seconds until enough of the day's briefs are older than a day.
    """

    def __init__(self, quota: Quota, briefs: int, size: int, adding: int, retry_after: int, too_large: bool = False):
        super().__init__(f"quota exceeded: {briefs} briefs, {size} bytes")
        self.quota = quota
        self.briefs = briefs
        self.size = size
        self.adding = adding
        self.retry_after = retry_after
        self.too_large = too_large


@dataclass(frozen=True)
class SavedBrief:
    id: str
    created: str
    updated: str
    title: str
    options: dict[str, Any]
    documents: list[dict[str, Any]]  # empty when loaded with articles=False
    brief: dict[str, Any]  # empty when loaded with brief=False (and a page copy was kept)
    page: dict[str, Any] | None = None  # what the brief page shows, kept when saved; None before
    edit_hash: str | None = None  # None: saved before edit tokens existed
    expires: str = ""  # ISO 8601, UTC
    expired: bool = False  # past `expires` but not purged yet


@dataclass(frozen=True)
class BriefListing:
    id: str
    created: str
    title: str


@dataclass(frozen=True)
class Maker:
    """Who saves a brief, as keyed hashes (web/ownership.py): the client address and the browser's key."""

    client: str
    owner: str | None = None


@dataclass(frozen=True)
class Deleted:
    """What `delete()` did: `found` (the brief existed and is gone: it is what bool() gives) and `wiped`
    (its text is gone from the database's files too; False when SQLite's checkpoint could not finish)."""

    found: bool
    wiped: bool = True

    def __bool__(self) -> bool:
        return self.found


# Columns of the briefs table, as the interface reads and writes them. Times are ISO 8601 strings in UTC
# ("2026-01-02T03:04:05+00:00"); JSON columns are text as json.dumps wrote it.
ROW_COLUMNS = ("id", "created", "updated", "title", "options", "documents", "brief", "page", "edit_hash", "client",
               "owner", "size")


class Backend(ABC):
    """Rows of saved briefs in one database. Every method uses the request's connection and raises
    StorageError (never the driver's own errors) when the database refuses."""

    name: str

    @abstractmethod
    def init(self) -> None:
        """Create or bring up to date the schema, at start; RuntimeError (saying what to check) when it cannot."""

    def release(self) -> None:
        """Let go of what this process holds (connections), e.g. before gunicorn forks workers from it."""

    @abstractmethod
    def close_request(self) -> None:
        """End the request's use of the database (teardown)."""

    @abstractmethod
    def usage(self, client: str, owner: str | None, since: str) -> tuple[int, int, str | None]:
        """(briefs, bytes, oldest created) saved since `since` by that address or browser."""

    @abstractmethod
    def insert(self, row: dict[str, Any], check: Callable[[], None] | None) -> None:
        """Insert a row; `check` (the quota) runs first in the same transaction, which no other save by the
        same maker can interleave with, so two workers or hosts cannot both pass it."""

    @abstractmethod
    def update(self, brief_id: str, updated: str, options: str, brief: str, page: str | None) -> bool:
        """Replace options, brief and page (size recomputed with the kept documents); False when gone."""

    @abstractmethod
    def set_title(self, brief_id: str, title: str, updated: str) -> bool: ...

    @abstractmethod
    def claim(self, brief_id: str, edit_hash: str) -> bool:
        """Set edit_hash where it is NULL; False when it was set already (or the brief is gone)."""

    @abstractmethod
    def keep_page(self, brief_id: str, page: str) -> None: ...

    @abstractmethod
    def load(self, brief_id: str, columns: list[str]) -> dict[str, Any] | None: ...

    @abstractmethod
    def listing(self, ids: list[str], cutoff: str) -> list[tuple[str, str, str]]:
        """(id, created, title) of the briefs among `ids` created at or after `cutoff`, in any order."""

    @abstractmethod
    def purge(self, cutoff: str, batch: int) -> int:
        """Delete up to `batch` briefs created before `cutoff`; how many went."""

    def after_purge(self) -> None:
        """Upkeep after the periodic purge (SQLite: make the reserve file again)."""

    @abstractmethod
    def delete(self, brief_id: str) -> Deleted: ...
