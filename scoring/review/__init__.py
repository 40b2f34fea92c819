"""Review: claims held against what the rules give — each line, the sheet's total (`compare`) and
its grade (`grades`) — and the review of a whole case (`pipeline`)."""
