"""PDF sheets and reports (reportlab) and Excel reports (openpyxl). No Qt here."""
