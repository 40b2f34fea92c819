"""The shipped rule files, installed as package data of `scoring` (see pyproject.toml)."""
