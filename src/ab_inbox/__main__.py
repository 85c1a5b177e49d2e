"""`python -m ab_inbox` is the same as the `ab-inbox` command."""

from ab_inbox.cli import main

raise SystemExit(main())
