"""Caches of parsed work: parsed articles on disk (`article_cache`) and the library's SQLite
index (`index_cache`), with their codecs, schema and one fingerprint of the parser
(`fingerprint`). Deleting any of it loses nothing."""
