"""Parsing an article's canonical text: blocks and sections (the layout), metadata, people
with their posts, documents, every mention; search and sentence spans over the text."""
