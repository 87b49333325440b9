"""The command line: argument parsing, one small module per command."""
