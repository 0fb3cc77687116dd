"""Status messages expire after a few seconds (the expiry is shortened here), but work in
progress ("Saving…") and a change not saved stay until replaced."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.app import ReaderApp
from reader.widgets.status import StatusLine
from tests.reader.helpers import opened, screen_of

AppFactory = Callable[..., ReaderApp]


async def test_a_message_expires_and_a_lasting_one_stays(make_app: AppFactory,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StatusLine, "EXPIRY_SECONDS", 0.2)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("n")
        assert screen.status.message.startswith("Choose a person")
        await pilot.pause(0.5)
        assert screen.status.message == ""
        for lasting in ("Saving the highlight…", "Not saved: disk full · ctrl+r saves again"):
            screen.status.message = lasting
            await pilot.pause(0.5)
            assert screen.status.message == lasting


async def test_the_same_message_again_starts_its_time_again(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StatusLine, "EXPIRY_SECONDS", 0.4)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("n")
        await pilot.pause(0.25)
        await pilot.press("n")
        await pilot.pause(0.25)
        assert screen.status.message.startswith("Choose a person")
        await pilot.pause(0.4)
        assert screen.status.message == ""
