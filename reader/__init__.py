"""The terminal reader: the Textual app and the `reader` command line, on top of `articles`
(what an article is) and `annotations` (the notes kept about it)."""
