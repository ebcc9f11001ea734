"""Reading XLSForm workbooks into forms and checking answers against them."""
