"""Working on cases: the status workflow and its rules, independent of storage and UI."""
