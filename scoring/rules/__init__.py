"""Rules: formula files as written (`schema`), compiled and vetted (`compiler`, `model`,
`expressions`, `inherit`, `ranges`), collected in a library that chooses the rule set of a
sheet (`library`, cached on disk by `cache`), their worked examples (`golden`), new versions and
what changed between two (`versions`, `changes`), and the Python code the lean path runs (`codegen`)."""
