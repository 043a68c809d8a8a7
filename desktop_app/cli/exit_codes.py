"""The exit codes of `skilldesk`, what scripts rely on (docs/cli.md): 0 success, 1 unexpected
failure, 2 bad usage or unreadable input (nothing changed), 3 done but some rows or records were
rejected."""

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
