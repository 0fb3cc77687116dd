"""The article screen: its state (`state.py`, pure), the screen that wires the widgets to it
(`screen.py`), taking notes (`note_actions.py`), saving them (`note_saving.py`) and copying
(`copying.py`)."""
