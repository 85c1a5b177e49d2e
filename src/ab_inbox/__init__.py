"""AB-Inbox: the caseworker's side of the OZG "Aufenthalt" pipe."""

__version__ = "0.1.0"
