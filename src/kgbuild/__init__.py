"""kgbuild: news articles into a validated, queryable knowledge graph of actors, statements and events."""

__version__ = "0.1.0"
