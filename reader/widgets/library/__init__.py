"""The library screen's panes: the article table, who's who, the documents and every note, each
filling itself from what the screen hands it and posting `OpenArticle` when the reader picks
something to read."""
