"""The headless subcommands of `reader`, one module per group of commands."""
