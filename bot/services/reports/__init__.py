"""Reports for trainers and managers: periods, scope, figures (each defined once in
`figures`), the spreadsheet and CSV (`exports`), the charts (`charts`), the weekly digest and
the sellers' weekly notes (`digest`)."""
