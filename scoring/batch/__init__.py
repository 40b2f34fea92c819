"""Batches: every submission under some files and folders re-scored at once.  `collect` finds the
inputs, `run` scores them (on the lean path, in supervised worker processes: `pool`) and keeps one
small `summary` row per sheet; the summary's formats, the HTML report and the Word summary are
`output`'s."""
