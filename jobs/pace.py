"""The broadcast rate of one sender: a slot every 1/rate seconds."""

from __future__ import annotations

import asyncio
import time


class Pace:
    """At most `rate` sends a second, one every 1/rate seconds. Slots missed in the last
    MAKE_UP seconds (a late wake-up, the pause between two batches) are made up, so the rate
    holds over a broadcast; longer idle time is never saved up: a token bucket holding a
    second's worth would let it all go at once after a pause, and that burst, with the replies
    and the next second's notices, passes Telegram's 30 a second (a 429, a pause, a burst...)."""

    MAKE_UP = 0.1

    def __init__(self, rate: float) -> None:
        self.interval = 1 / rate
        self._next = 0.0  # time.monotonic() of the next free slot

    def hold_until(self, moment: float) -> None:
        """No send before `moment` (time.monotonic()), and none made up for the time held:
        after Telegram asked for a pause, a burst would run into its limit again."""
        self._next = max(self._next, moment)

    def due(self) -> bool:
        """Whether a send may go now, without waiting for its slot."""
        return self._next <= time.monotonic()

    async def wait(self) -> None:
        now = time.monotonic()
        slot = max(now - self.MAKE_UP, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
