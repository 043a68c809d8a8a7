"""`python -m desktop_app` runs the same entry point as the `skilldesk` console script."""

from desktop_app.cli import main

raise SystemExit(main())
