"""The command line: parse arguments, call the public API, print. No logic lives here."""
