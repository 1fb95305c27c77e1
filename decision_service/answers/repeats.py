"""Repeated questions answered from memory.

A portal listing a catalogue page asks the same questions again and again. A
decision depends only on the policy input (the request with its dates filled
in) and on the decider (its bundle revision and calendar), so a decider keeps
the decisions it made for the inputs it saw last, and a repeated input costs a
lookup: the same decision, word for word, under a new ``decision_id``. The
memory belongs to one decider, so a new bundle starts with none.

``Memo`` is a small LRU safe across threads. What it holds is shared by every
answer given from it: read it, never change it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")

#: Inputs remembered per decider and worker (``OSD_ANSWER_MEMO``; 0: none).
DEFAULT_SIZE = int(os.environ.get("OSD_ANSWER_MEMO") or 512)


class Memo(Generic[V]):
    """The ``size`` values used last, by key."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[bytes, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: bytes, value: V) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
