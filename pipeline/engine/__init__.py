"""The search engine: the index on disk, queries, snippets, synonyms and role scope.

This is the query path of `cse-search` and the web page. It imports no PDF library and
no YAML (enforced by the import contracts in `pyproject.toml`), and it is the only place
that uses Whoosh, so another engine could replace it.
"""
