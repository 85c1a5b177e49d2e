"""One module per inbound message type (or family of types), each filling a record's own part.

Importing this package imports every type module, and each registers its extractor with
`message_types.set_extractor` through `@extractor(code)`; the registry imports this package the
first time it is asked, so a type cannot be left without its reader by a forgotten import.
Supporting a new inbound type means adding its module here and to the import below.

Who is the "applicant" (the person a queue row is about) is decided per type; each module's
docstring says whom it picks.
"""

from ab_inbox.xauslaender.extractors import (  # noqa: F401  (each module registers itself)
    applications,
    dokumentenlieferung,
    fachkraefte,
    followups,
    verpflichtungserklaerung,
)
