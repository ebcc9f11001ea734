"""Reading and writing the workbooks people bring and take away (.xlsx, .xls, .csv).

No Qt here: the CLI and the GUI both call these functions.
"""
