"""Everything Qt lives here; the rest of ab_inbox never imports PySide6."""
