"""newskb: market-news articles (Japanese and English) into a SQLite knowledge base.

The repository is this package: ``newskb.ingest`` reads articles and extracts facts,
``newskb.kb`` stores and serves them, ``newskb.queries`` holds the canned SQL.
"""
