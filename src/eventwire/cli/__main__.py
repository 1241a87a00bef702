"""`python -m eventwire.cli`, as `python -m eventwire`."""

from eventwire.cli import main

raise SystemExit(main())
