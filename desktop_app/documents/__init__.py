"""Documents from data and data from documents: ReportLab PDFs, openpyxl workbooks. Pure functions."""
