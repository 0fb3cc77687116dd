"""The article table's `batch`: many rows put and taken at once land where one by one they
would, the cursor stays on its row, and the table is drawn once for the whole batch (one by one,
once a row)."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import App, ComposeResult

from reader.widgets.article_table import ArticleTable, TableColumn


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleTable([TableColumn("title", "Title", None)], lambda key: [Text(key)],
                           id="table")


async def test_a_batch_lands_rows_in_place_with_the_cursor_on_its_row() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ArticleTable)
        table.show([(k, f"row{k:03d}") for k in (10, 20, 30)])
        table.move_cursor(1)
        assert table.cursor_key == "row020"
        refreshes: list[object] = []
        real = table.refresh

        def counted(*args: object, **kwargs: object) -> ArticleTable:
            refreshes.append(args)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        table.refresh = counted  # type: ignore[method-assign]
        with table.rows_at_once():
            for k in (5, 15, 25, 1):
                table.put_row(k, f"row{k:03d}")
            table.take_row(30, "row030")
            table.put_row(35, "row010", old_sort_key=10)  # row010 moves to the end
            table.refresh_row("row005")
            assert refreshes == []  # nothing drawn inside the batch
        assert table.keys == ["row001", "row005", "row015", "row020", "row025", "row010"]
        assert table.sort_keys == [1, 5, 15, 20, 25, 35]
        assert table.cursor_key == "row020" and table.cursor_row == 3
        assert len(refreshes) <= 2  # once for the rows (and once for the new scroll size)
        one_by_one = TableApp()
        await pilot.pause()
    async with one_by_one.run_test(size=(60, 20)):
        other = one_by_one.query_one(ArticleTable)
        other.show([(k, f"row{k:03d}") for k in (10, 20, 30)])
        other.move_cursor(1)
        for k in (5, 15, 25, 1):
            other.put_row(k, f"row{k:03d}")
        other.take_row(30, "row030")
        other.put_row(35, "row010", old_sort_key=10)
        assert other.keys == table.keys and other.cursor_key == table.cursor_key


async def test_into_an_empty_table_the_cursor_follows_the_first_row_put() -> None:
    for batched in (True, False):
        app = TableApp()
        async with app.run_test(size=(60, 20)):
            table = app.query_one(ArticleTable)
            with table.rows_at_once() if batched else contextlib.nullcontext():
                for k in (20, 10, 5):
                    table.put_row(k, f"row{k:03d}")
            assert table.keys == ["row005", "row010", "row020"]
            assert table.cursor_key == "row020", batched
