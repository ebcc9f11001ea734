"""The visit form."""
