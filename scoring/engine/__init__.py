"""Evaluation: a sheet scored under a compiled rule set.

`engine` is the reference evaluator, recording what it does through a recorder (`trace`: the
full trace for `score`, `diff` and `explain`, or nothing); `rows` scores target/actual rows,
reading what is written with `readings` and the sheet's printed structure with `row_structure`;
`rates` checks stated rates; `results` holds what evaluation produces.  `lean` is the fast path
of batches — the rule set's generated code (`rules.codegen`), nothing recorded — and
`lean_table` feeds it case-table rows straight from their cells; both are proven equal to the
reference on every indicator.
"""
