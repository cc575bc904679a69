"""Saving the stand-in's state to a directory, so that the sandbox's chats survive a restart.

Layout of ``state_dir``::

    state.json          users, chats with their transcripts, files' metadata, id counters,
                        pending updates, the change log, the web page's people and roles
    files/<sha256>      the bytes of each file, written once (content-addressed)

Every write is atomic (a temporary file in the same directory, then ``os.replace``), so a
crash leaves either the old or the new state. ``Persister.schedule()`` debounces saves after
changes; ``save()`` runs at stop. Loading happens before the server accepts requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .state import ChatState, FileRecord, Record, UserState

if TYPE_CHECKING:
    from .server import StandIn

log = logging.getLogger(__name__)
VERSION = 1
STATE_FILE = "state.json"
FILES_DIR = "files"


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def snapshot(sb: StandIn) -> tuple[dict, dict[str, bytes]]:
    """The JSON-able state and the file blobs it refers to (by sha256)."""
    blobs: dict[str, bytes] = {}
    files = []
    for fr in sb.files.by_id.values():
        digest = hashlib.sha256(fr.data).hexdigest()
        blobs[digest] = fr.data
        meta = {k: v for k, v in dataclasses.asdict(fr).items() if k != "data"}
        files.append({**meta, "sha256": digest})
    state = {
        "version": VERSION,
        "bot_id": sb.bot_id,
        "bot_username": sb.bot_username,
        "users": [dataclasses.asdict(us) for us in sb.users.values()],
        "chats": [{
            "chat": cs.chat, "members": sorted(cs.members), "admins": sorted(cs.admins),
            "bot_is_member": cs.bot_is_member, "bot_is_admin": cs.bot_is_admin,
            "records": [r.to_dict() for r in cs.records], "next_message_id": cs.next_message_id,
            "pinned": cs.pinned, "description": cs.description,
        } for cs in sb.chats.values()],
        "files": files,
        "files_n": sb.files._n,
        "updates": [[bot_id, queue] for bot_id, queue in sb._updates.items()],
        "allowed_updates": [[bot_id, a] for bot_id, a in sb._allowed_updates.items()],
        "counters": {
            "update_id": sb._next_update_id, "user_id": sb._next_user_id,
            "group_id": sb._next_group_id, "callback_id": sb._next_callback_id,
        },
        "bot_settings": sb.bot_settings,
        "callback_queries": sb.callback_queries,
        "answered_callbacks": sb.answered_callbacks,
        "events": sb.events,
        "roles": [[uid, role] for uid, role in sb.roles.items()],
        "sandbox_chats": sb.sandbox_chats,
    }
    return state, blobs


def restore(sb: StandIn, state: dict, files_dir: Path) -> None:
    """Put a saved state into a StandIn that has not started serving yet."""
    if state.get("version") != VERSION:
        raise ValueError(f"unknown sandbox state version {state.get('version')!r}")
    if sb.bot_id is None:
        sb.bot_id = state.get("bot_id")
    sb.users = {us["user"]["id"]: UserState(**us) for us in state["users"]}
    sb.chats = {}
    for c in state["chats"]:
        cs = ChatState(chat=c["chat"], members=set(c["members"]), admins=set(c["admins"]),
                       bot_is_member=c["bot_is_member"], bot_is_admin=c["bot_is_admin"],
                       records=[Record(**r) for r in c["records"]],
                       next_message_id=c["next_message_id"], pinned=c["pinned"],
                       description=c["description"])
        sb.chats[cs.id] = cs
    store = sb.files
    store.by_id, store.by_path = {}, {}
    cache: dict[str, bytes] = {}
    for meta in state["files"]:
        meta = dict(meta)
        digest = meta.pop("sha256")
        if digest not in cache:
            try:
                cache[digest] = (files_dir / digest).read_bytes()
            except FileNotFoundError:
                log.warning("sandbox state: the bytes of %s are missing", meta["file_id"])
                cache[digest] = b""
        fr = FileRecord(**meta, data=cache[digest])
        store.by_id[fr.file_id] = fr
        if fr.file_path:
            store.by_path[fr.file_path] = fr
    store._n = state["files_n"]
    sb._updates = {bot_id: queue for bot_id, queue in state["updates"]}
    sb._allowed_updates = {bot_id: a for bot_id, a in state["allowed_updates"]}
    counters = state["counters"]
    sb._next_update_id = counters["update_id"]
    sb._next_user_id = counters["user_id"]
    sb._next_group_id = counters["group_id"]
    sb._next_callback_id = counters["callback_id"]
    sb.bot_settings = state["bot_settings"]
    sb.callback_queries = state["callback_queries"]
    sb.answered_callbacks = state["answered_callbacks"]
    sb.events = state["events"]
    sb.roles = {uid: role for uid, role in state["roles"]}
    sb.sandbox_chats = state["sandbox_chats"]


class Persister:
    """Loads a StandIn's state from ``directory`` and saves it there, debounced."""

    def __init__(self, sb: StandIn, directory: str | os.PathLike[str], delay: float = 0.5):
        self.sb = sb
        self.dir = Path(directory)
        self.delay = delay
        self._task: asyncio.Task | None = None
        self._last_json: bytes | None = None
        self._written: set[str] = set()
        self._lock = asyncio.Lock()

    @property
    def state_path(self) -> Path:
        return self.dir / STATE_FILE

    def load(self) -> bool:
        """Restore the saved state, if any; True when there was one."""
        path = self.state_path
        if not path.exists():
            return False
        raw = path.read_bytes()
        restore(self.sb, json.loads(raw), self.dir / FILES_DIR)
        self._last_json = raw
        files_dir = self.dir / FILES_DIR
        if files_dir.is_dir():
            self._written = {p.name for p in files_dir.iterdir() if not p.name.startswith(".")}
        log.info("sandbox state loaded from %s", self.dir)
        return True

    def schedule(self) -> None:
        """Save soon: changes within ``delay`` seconds are written together."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._later())

    async def _later(self) -> None:
        await asyncio.sleep(self.delay)
        self._task = None
        try:
            await self.save()
        except Exception:  # a full disk must not break the chat; the next change retries
            log.exception("cannot save the sandbox state to %s", self.dir)

    async def close(self) -> None:
        """Cancel a pending debounced save and write the state now."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.save()

    async def save(self) -> bool:
        """Write the state if it changed since the last write; True when written."""
        async with self._lock:
            state, blobs = snapshot(self.sb)  # taken in the loop: a consistent picture
            data = json.dumps(state, ensure_ascii=False, separators=(",", ":"), default=str).encode()
            if data == self._last_json:
                return False
            new_blobs = {k: v for k, v in blobs.items() if k not in self._written}
            await asyncio.to_thread(self._write, data, new_blobs)
            self._written |= new_blobs.keys()
            self._last_json = data
            return True

    def _write(self, data: bytes, blobs: dict[str, bytes]) -> None:
        files_dir = self.dir / FILES_DIR
        files_dir.mkdir(parents=True, exist_ok=True)
        for digest, blob in blobs.items():  # blobs first: state.json never names a missing one
            _atomic_write(files_dir / digest, blob)
        _atomic_write(self.state_path, data)
