"""Output: what people and programs read.  `formats` is the one registry of output formats (name
→ writer, for scored cases, batch summaries, batch documents, templates and case files);
`labels` and `reasons` hold the words and sentences every format prints; `text` (tables,
markdown, explanations), `data` (JSON, CSV), `summary` (a batch's summary), `html_report` with
`svg_charts` (a batch's HTML report), `docx` (the Word review) and `rule_set` (`formulas show`)
render them.  The scored workbook is `excel.export`'s."""
