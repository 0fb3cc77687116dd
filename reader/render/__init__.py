"""Rich text built from data for the screens and the command line: no widgets here, only what
a row, a prompt or a line shows (`text` for shortening and dates, `entities` for people and
documents, `library` for the library's rows and entries, `notes` for a note in a list)."""
