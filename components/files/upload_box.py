"""The upload box of "Your own cases": a budget per session, and uploads dropped from the
server's memory as soon as they are read.

Streamlit keeps every file a browser sends in the server's memory until the session
ends, whatever the script does with it. So each file is counted against the session's
budget the first time a run sees it; a selection over the budget is dropped at once, and
a selection that is read is dropped right after. Dropping means: remove the files from
Streamlit's upload store (as `st.chat_input` does with its own files) and give the widget
a new key, so that the browser shows an empty box and no later run asks for them again.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shell.data_access import use_series
from imos.dataset.uploads import MAX_PACKAGE_BYTES, load_package, read_package

SESSION_FILES = 20
SESSION_BYTES = 20_000_000
MAX_FILE_MB = MAX_PACKAGE_BYTES // 1_000_000  # = server.maxUploadSize in config.toml

_GENERATION = "pkg_upload_generation"
_SEEN = "pkg_upload_seen"  # file id -> size, every file this session has sent
_REFUSED = "pkg_upload_refused"
OUTCOME = "pkg_upload_outcome"  # what the last check found, shown after the rerun


@dataclass(frozen=True)
class CheckOutcome:
    """What checking an upload found: the series taken into use, or its problems."""

    loaded: bool
    title: str = ""
    cases: int = 0
    problems: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()


def check_upload(uploads: list[tuple[str, bytes]]) -> CheckOutcome:
    """Validate the uploads; a valid series becomes this session's series."""
    source, problems, ignored = read_package(uploads)
    series, problems = load_package(source, problems)
    if series is None:
        return CheckOutcome(False, problems=tuple(map(str, problems)), ignored=tuple(ignored))
    use_series(series)
    return CheckOutcome(True, series.meta["title"], len(series.cases), ignored=tuple(ignored))


@dataclass(frozen=True)
class Budget:
    """What this session has sent so far, against its allowance."""

    files: int
    bytes: int

    @property
    def left_files(self) -> int:
        return max(0, SESSION_FILES - self.files)

    @property
    def left_bytes(self) -> int:
        return max(0, SESSION_BYTES - self.bytes)

    @property
    def spent(self) -> bool:
        return self.left_files == 0 or self.left_bytes == 0


def budget() -> Budget:
    seen = st.session_state.get(_SEEN, {})
    return Budget(files=len(seen), bytes=sum(seen.values()))


def budget_sentence() -> str:
    return (f"Each session may send at most {SESSION_FILES} files and "
            f"{SESSION_BYTES // 1_000_000} MB in all (one file at most {MAX_FILE_MB} MB).")


def upload_box(label: str, types: list[str]) -> list | None:
    """Draw the uploader; the files it holds, or None (over budget files are dropped)."""
    generation = st.session_state.get(_GENERATION, 0)
    spent = budget().spent
    files = st.file_uploader(label, type=types, accept_multiple_files=True,
                             key=f"pkg_files_{generation}", disabled=spent,
                             max_upload_size=MAX_FILE_MB)
    refused = st.session_state.pop(_REFUSED, None)
    if refused:
        st.error(refused, icon=":material/block:")
    if spent:
        st.warning("This session has used its upload allowance. Reload the page to start a "
                   "new session (the shipped series comes back).", icon=":material/block:")
    if not files:
        return None
    seen = st.session_state.setdefault(_SEEN, {})
    for file in files:
        seen.setdefault(file.file_id, file.size)
    if budget().files > SESSION_FILES or budget().bytes > SESSION_BYTES:
        drop(files)
        st.session_state[_REFUSED] = (
            f"Those {len(files)} files were not kept: they go over this session's allowance. "
            + budget_sentence())
        st.rerun()
    return files


def read_and_drop(files: list) -> list[tuple[str, bytes]]:
    """The files' names and bytes; the upload store and the widget forget them."""
    uploads = [(file.name, file.getvalue()) for file in files]
    drop(files)
    return uploads


def drop(files: list) -> None:
    """Remove `files` from Streamlit's upload store and empty the upload box."""
    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        for file in files:
            ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=file.file_id)
    for file in files:
        file.close()
    generation = st.session_state.get(_GENERATION, 0)
    st.session_state.pop(f"pkg_files_{generation}", None)
    st.session_state[_GENERATION] = generation + 1
