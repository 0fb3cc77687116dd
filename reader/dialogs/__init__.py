"""Modal dialogs: the note editor, confirmations, the colour picker, help."""
