"""Hand-off to the Fachverfahren: exporters registered by name, written atomically, recorded.

`export_case` (case_export.py) checks a case, lets the exporter chosen in the office's settings
write it into the Fachverfahren's folder and records the export. The built-in exporters are
imported here so that they are registered whenever the package is used.
"""

from ab_inbox.export import structured, xauslaender_folder  # noqa: F401 - they register
