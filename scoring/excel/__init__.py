"""Excel: the official self-evaluation forms as workbooks.  `form` lays out a form on a worksheet
(shared by the template and the scored workbook); `template` writes the fill-in workbook of a rule
set, `importer` reads a filled one back into a case, `export` writes the scored workbook."""
