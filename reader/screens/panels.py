"""Which side panels the article screen shows: the outline and the sidebar collapse on narrow
terminals so the text keeps a readable width; `[`, `]` and the reading mode override that."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.screen import Screen

OUTLINE_WIDTH = 27
"""The outline's columns, its border included (reader.tcss)."""
SIDEBAR_WIDTH = 45
"""The sidebar's columns, its border included (reader.tcss)."""
TEXT_EXTRA = 3
"""Columns of the text view that hold no text: the gutter and the scrollbar."""
MIN_TEXT = 55
"""The fewest text columns a panel is shown at when the user has not asked for it."""
MIN_FORCED_TEXT = 30
"""The fewest text columns a panel is shown at when the user asks for it (`[`, `]`): below,
the other panel makes way, or the panel is not shown."""

COMPACT_FOOTER = 110
"""Below this width the footer's hints are drawn without padding, so they fit."""


@dataclass(frozen=True, slots=True)
class Panels:
    """The user's choice for each panel (None: follow the terminal's width)."""

    outline: bool | None = None
    sidebar: bool | None = None

    def shown(self, width: int) -> tuple[bool, bool]:
        """(outline, sidebar) shown at a terminal `width`: the sidebar is kept before the
        outline, each only while the text keeps `MIN_TEXT` columns, unless chosen; a chosen
        panel only while the text keeps `MIN_FORCED_TEXT`."""
        room = width - TEXT_EXTRA
        outline, sidebar = self.outline, self.sidebar
        if sidebar is None:
            sidebar = room - SIDEBAR_WIDTH >= MIN_TEXT
        if outline is None:
            outline = room - (SIDEBAR_WIDTH if sidebar else 0) - OUTLINE_WIDTH >= MIN_TEXT
        sidebar = sidebar and room - SIDEBAR_WIDTH >= MIN_FORCED_TEXT
        beside = SIDEBAR_WIDTH if sidebar else 0
        outline = outline and room - beside - OUTLINE_WIDTH >= MIN_FORCED_TEXT
        return outline, sidebar

    def toggled_outline(self, width: int) -> Panels:
        """The outline shown if it is hidden at `width` (the sidebar hidden if both would
        leave the text too narrow), else hidden."""
        if self.shown(width)[0]:
            return Panels(False, self.sidebar)
        wanted = Panels(True, self.sidebar)
        if not wanted.shown(width)[0]:
            wanted = Panels(True, False)
        return wanted

    def toggled_sidebar(self, width: int) -> Panels:
        """The sidebar shown if it is hidden at `width` (the outline hidden if both would
        leave the text too narrow), else hidden."""
        before = self.shown(width)
        if before[1]:
            return Panels(self.outline, False)
        wanted = Panels(self.outline, True)
        if before[0] and not wanted.shown(width)[0]:
            wanted = Panels(False, True)
        return wanted


class PanelScreen(Screen[None]):
    """A screen with the outline pane (`#outline-pane`), the text view (`#article`) and the
    sidebar (`#sidebar-slot`): shows or hides the panels for its width and the user's keys."""

    BINDINGS = [
        Binding("left_square_bracket", "toggle_outline", "Outline on/off", show=False),
        Binding("right_square_bracket", "toggle_sidebar", "Sidebar on/off", show=False),
        Binding("z", "reading_mode", "Reading mode (text only)", show=False),
    ]

    panels: Panels = Panels()
    _before_reading: Panels | None = None

    def compose_panels(self) -> None:
        """Set the panels for the app's size before the first frame (call from compose)."""
        self.apply_panels(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.apply_panels(event.size.width)

    def apply_panels(self, width: int | None = None) -> None:
        """Show the panels that fit `width` (the screen's) or that the user asked for."""
        width = width or self.size.width or self.app.size.width
        outline, sidebar = self.panels.shown(width)
        if self.query("Footer"):  # mounted just after the first frame
            from textual.widgets import Footer

            self.query_one(Footer).compact = width < COMPACT_FOOTER
        self.set_class(not outline, "-no-outline")
        self.set_class(not sidebar, "-no-sidebar")
        hidden = {pane for pane, shown in (("outline-pane", outline), ("sidebar-slot", sidebar))
                  if not shown}
        focused = self.focused
        if focused is not None and any(node.id in hidden for node in focused.ancestors):
            self.query_one("#article").focus()

    def _announce(self, what: str) -> None:
        from reader.widgets.status import StatusLine

        self.query_one("#status", StatusLine).message = what

    def action_toggle_outline(self) -> None:
        """Show or hide the outline of sections."""
        self._toggle(0, self.panels.toggled_outline(self.size.width))

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar of people, documents and notes."""
        self._toggle(1, self.panels.toggled_sidebar(self.size.width))

    def _toggle(self, which: int, panels: Panels) -> None:
        """Apply `panels` after `[` (which = 0) or `]` (which = 1) and say what changed."""
        width = self.size.width
        before = self.panels.shown(width)
        after = panels.shown(width)
        self.panels = panels
        self.apply_panels()
        names, keys = ("Outline", "Sidebar"), ("[", "]")
        name, key = names[which], keys[which]
        other, other_key = names[1 - which], keys[1 - which]
        if after[which] and before[1 - which] and not after[1 - which]:
            self._announce(f"{name} shown, {other.lower()} hidden to keep the text readable "
                           f"({other_key} shows it instead)")
        elif after[which]:
            self._announce(f"{name} shown ({key} hides it)")
        elif before[which]:
            self._announce(f"{name} hidden ({key} shows it)")
        else:
            self._announce(f"Too narrow for the {name.lower()}: the text would keep fewer "
                           f"than {MIN_FORCED_TEXT} columns")

    def action_reading_mode(self) -> None:
        """Hide both panels, or bring back the ones shown before."""
        if any(self.panels.shown(self.size.width)):
            self._before_reading = self.panels
            self.panels = Panels(False, False)
            self._announce("Reading mode: z brings the panels back, [ and ] show one")
        else:
            self.panels = self._before_reading or Panels()
            self._before_reading = None
            self._announce("")
        self.apply_panels()
