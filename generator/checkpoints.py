"""Named points of a build where a test can stop it dead, instead of guessing a delay.

``MARSAD_KILL_AT=<name>`` makes the build kill itself (SIGKILL: no cleanup, no ``finally``)
when it reaches that point, as a power cut or ``kill -9`` would. Unset, a checkpoint does nothing.
"""

from __future__ import annotations

import os
import signal

NAMES = ("analysed", "pages-written", "site-rendered", "search-indexed", "swap-begun")


def reached(name: str) -> None:
    assert name in NAMES, name
    if os.environ.get("MARSAD_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
