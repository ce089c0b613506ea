"""Run a parser of untrusted documents in a child process bounded in time and memory.

PDF and Word parsers are large libraries fed files from outside: a crafted file can make
them loop, recurse or allocate without end. The child gets an address-space limit and
the parent a deadline; either way the caller gets a clear refusal, never a hang.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from generators.importer.files import SourceRefused

T = TypeVar("T")

MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
TIME_LIMIT_SECONDS = float(os.environ.get("POLICYDOCS_IMPORT_TIMEOUT", "90"))


def run_isolated(function: Callable[[bytes], T], data: bytes, what: str) -> T:
    """`function(data)` in a forked child; its SourceRefused is re-raised here."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(function, data, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(TIME_LIMIT_SECONDS):
            raise SourceRefused(
                f"reading the {what} took longer than {TIME_LIMIT_SECONDS:g} s; "
                "the file is damaged or built to stall readers"
            )
        try:
            status, value = receive.recv()
        except EOFError:
            child.join(5)
            raise SourceRefused(
                f"the {what} reader stopped (exit {child.exitcode}); the file is damaged or "
                f"needs more than {MEMORY_LIMIT_BYTES // 2**20} MB to read"
            ) from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "refused":
        raise SourceRefused(str(value))
    result: T = value
    return result


def _child(function: Callable[[bytes], Any], data: bytes, send: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    try:
        outcome: tuple[str, Any] = ("ok", function(data))
    except SourceRefused as exc:
        outcome = ("refused", str(exc))
    except MemoryError:
        outcome = ("refused", f"the file needs more than {MEMORY_LIMIT_BYTES // 2**20} MB to read")
    except RecursionError:
        outcome = ("refused", "the file nests its objects too deeply to read")
    except Exception as exc:
        outcome = ("refused", f"damaged file ({type(exc).__name__}: {str(exc)[:200]})")
    try:
        send.send(outcome)
    finally:
        send.close()
        os._exit(0)
