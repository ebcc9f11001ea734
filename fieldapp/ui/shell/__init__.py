"""The application shell: start-up, main window (assembles the rooms), menus."""
