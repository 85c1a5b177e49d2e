"""What the case view shows where there is no document to view.

Three cases: the document is announced by `dokumentuuid` and follows in a packaged delivery; it
was blocked at intake (wrong type, bytes not matching the declared format, over a cap); or its
type has no viewer. The placeholder has the viewers' interface (`load_bytes`, `save_requested`) so
the case view can treat every attachment alike. The UUID and the reason may carry text from the
sender, so they are shown as sanitised plain text and stay selectable for copying.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

from ab_inbox.ui.viewers.viewer_base import display_name

MAX_DETAIL_CHARS = 500


class PlaceholderViewer(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title = self._label(self.tr("Hinweis"))
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self._title.setFont(font)
        self._detail = self._label(self.tr("Einzelheiten"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self._icon)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        layout.addStretch(2)

    def _label(self, accessible_name: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        label.setAccessibleName(accessible_name)
        return label

    def _show(self, icon: QStyle.StandardPixmap, title: str, detail: str) -> PlaceholderViewer:
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(48, 48))
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        return self

    @classmethod
    def awaited(cls, dokumentuuid: str, parent: QWidget | None = None) -> PlaceholderViewer:
        """A `dokumentuuid` reference: the file arrives later in a packaged delivery."""
        viewer = cls(parent)
        return viewer._show(
            QStyle.StandardPixmap.SP_MessageBoxInformation,
            QCoreApplication.translate(
                "PlaceholderViewer", "Dokument wird nachgeliefert (Paketlieferung)"
            ),
            QCoreApplication.translate("PlaceholderViewer", "Dokument-UUID: {uuid}").format(
                uuid=display_name(dokumentuuid)
            ),
        )

    @classmethod
    def blocked(cls, reason: str, parent: QWidget | None = None) -> PlaceholderViewer:
        """A document refused at intake; `reason` is the German finding text."""
        viewer = cls(parent)
        return viewer._show(
            QStyle.StandardPixmap.SP_MessageBoxWarning,
            QCoreApplication.translate("PlaceholderViewer", "Dokument gesperrt"),
            display_name(reason, MAX_DETAIL_CHARS) if reason.strip() else "",
        )

    @classmethod
    def unsupported(cls, mime: str | None, parent: QWidget | None = None) -> PlaceholderViewer:
        viewer = cls(parent)
        return viewer._show(
            QStyle.StandardPixmap.SP_FileIcon,
            QCoreApplication.translate(
                "PlaceholderViewer", "Für diesen Dateityp gibt es keine Vorschau"
            ),
            QCoreApplication.translate("PlaceholderViewer", "Dateityp: {mime}").format(
                mime=display_name(
                    mime or QCoreApplication.translate("PlaceholderViewer", "unbekannt")
                )
            ),
        )

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Nothing to show: placeholders never display bytes."""
        return False

    def title_text(self) -> str:
        return self._title.text()

    def detail_text(self) -> str:
        return self._detail.text()
