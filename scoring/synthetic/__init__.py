"""Synthetic submissions for tests and benchmarks (`scoring generate`), off the scoring path:
`generator` makes realistic sheets from the shipped rule files with injected errors, `data` holds
the name catalogues it draws from, `writer` streams them out as case files or a case table with
the manifest of what was injected."""
