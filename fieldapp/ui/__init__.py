"""Qt widgets, models and dialogs. Thin: calls the layers below, owns no business rule."""
