"""The reader's screens: one article, and (for several files) the library."""
