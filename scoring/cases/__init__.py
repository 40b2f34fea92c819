"""Cases: a unit's submission as the models hold it (`model`), read from a case file or a workbook
(`load`) or a row of a case table (`table`), and written back as a case file (`writer`)."""
