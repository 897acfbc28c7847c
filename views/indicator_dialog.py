"""Add or edit an indicator (chỉ tiêu): name, unit, baseline, target and who is responsible."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.changes import OpResult
from app.dto import IndicatorInput
from views.form_errors import error_label, with_error
from views.labels import APP_TITLE
from views.needs import IndicatorDialogNeeds
from views.party_picker import PartyPicker
from views.save_dialog import SaveDialog

NO_DIRECTIVE = -1


class IndicatorDialog(SaveDialog):
    def __init__(
        self, ctx: IndicatorDialogNeeds, indicator_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id = indicator_id
        self.setWindowTitle(("Sửa chỉ tiêu" if indicator_id else "Thêm chỉ tiêu") + f" – {APP_TITLE}")
        self.setMinimumWidth(640)
        agencies = ctx.agencies.list_agencies(include_inactive=False, with_counts=False)
        groups = ctx.agencies.list_groups()
        self.directive = QComboBox()
        self.directive.addItem("(không gắn văn bản)", NO_DIRECTIVE)
        for d in ctx.directives.list_directives(with_counts=False):
            self.directive.addItem(f"{d.number} – {d.subject}"[:110] if d.subject else d.number, d.id)
        self.group_code = QLineEdit()
        self.group_code.setPlaceholderText("VD: A, B")
        self.name = QLineEdit()
        self.name.setPlaceholderText("VD: Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("VD: %, doanh nghiệp, thứ hạng")
        self.baseline = QLineEdit()
        self.baseline.setPlaceholderText("Thực hiện năm trước, VD: 52,4")
        self.target = QLineEdit()
        self.target.setPlaceholderText("VD: 80 hoặc Tốp 15")
        self.lead = PartyPicker(agencies, groups, "Gõ tên cơ quan chủ trì…")
        self.cooperating = PartyPicker(agencies, groups, "Gõ tên cơ quan phối hợp…")
        form = QFormLayout()
        form.addRow("Văn bản:", self.directive)
        form.addRow("Nhóm:", self.group_code)
        form.addRow("Tên chỉ tiêu:", with_error(self.name, self.errors.add("name", error_label())))
        form.addRow("Đơn vị tính:", self.unit)
        form.addRow("Thực hiện năm trước:", self.baseline)
        form.addRow("Mục tiêu:", self.target)
        form.addRow("Chủ trì:", self.lead)
        form.addRow("Phối hợp:", self.cooperating)
        self.finish_layout(form)
        if indicator_id is not None:
            self._fill(ctx.indicators.get(indicator_id))

    def _fill(self, data: IndicatorInput) -> None:
        n = self.directive.findData(data.directive_id if data.directive_id is not None else NO_DIRECTIVE)
        self.directive.setCurrentIndex(max(n, 0))
        self.group_code.setText(data.group_code)
        self.name.setText(data.name)
        self.unit.setText(data.unit)
        self.baseline.setText(str(data.baseline or ""))
        self.target.setText(str(data.target or ""))
        self.lead.set_parties(data.lead)
        self.cooperating.set_parties(data.cooperating)
        self._seq = data.seq

    def operation(self) -> Callable[[], OpResult[int]]:
        self.lead.refuse_pending("lead")
        self.cooperating.refuse_pending("cooperating")
        directive = self.directive.currentData()
        return partial(
            self._ctx.indicators.save,
            IndicatorInput(
                name=self.name.text(),
                unit=self.unit.text(),
                baseline=self.baseline.text(),
                target=self.target.text(),
                group_code=self.group_code.text(),
                directive_id=None if directive == NO_DIRECTIVE else int(directive),
                lead=self.lead.parties(),
                cooperating=self.cooperating.parties(),
                seq=getattr(self, "_seq", None) if self._id is not None else None,
                id=self._id,
            ),
        )
