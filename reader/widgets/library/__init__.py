"""The library screen's panes: the article table, who's who, the documents, every note and the
text search, each filling itself from what it is given (`pane.LibraryPane`) and posting
`OpenArticle` when the reader picks something to read."""
