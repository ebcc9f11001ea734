"""Shared GUI pieces: the job runners, output dialog, error text, labels."""
