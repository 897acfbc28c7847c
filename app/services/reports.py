"""Progress reports from agencies, with evidence files copied into the data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.dto import EvidenceInfo, ReportInput, ReportRow
from app.errors import EvidenceCorrupt, NotFound, ValidationError
from app.evidence_store import StoredBlob, stored_file_row
from app.operation import operation
from app.services.base import Service
from app.services.integrity import stored_problem
from app.services.progress import refresh_task
from app.services.trash import move_to_trash, shorten
from models.entities import Assignment, Evidence, Report, Role, StoredFile, Task


def _row(r: Report) -> ReportRow:
    a = r.assignment
    return ReportRow(
        id=r.id,
        assignment_id=a.id,
        agency=a.display_name,
        role=Role(a.role),
        occurrence=r.occurrence,
        received_on=r.received_on,
        text=r.text,
        percent=r.percent,
        done=r.done,
        doc_number=r.doc_number,
        doc_date=r.doc_date,
        evidence=tuple(EvidenceInfo(e.id, e.original_name, e.sha256, e.stored.size) for e in r.evidence),
    )


class ReportService(Service):
    def list_for_task(self, task_id: int) -> list[ReportRow]:
        with self.db.reading() as s:
            stmt = (
                select(Report)
                .join(Assignment)
                .where(Assignment.task_id == task_id)
                .options(selectinload(Report.evidence).selectinload(Evidence.stored))
                .order_by(Report.received_on.desc(), Report.id.desc())
            )
            return [_row(r) for r in s.scalars(stmt)]

    @operation
    def add(self, data: ReportInput) -> int:
        if data.percent is not None and not 0 <= data.percent <= 100:
            raise ValidationError("Tỷ lệ hoàn thành phải từ 0 đến 100%.", "percent")
        if data.received_on > self.ctx.today():
            raise ValidationError("Ngày nhận báo cáo không được sau ngày hôm nay.", "received_on")
        if data.occurrence is not None and not date(1900, 1, 1) <= data.occurrence <= date(2100, 1, 1):
            raise ValidationError("Kỳ báo cáo (hạn được báo cáo) không hợp lệ.", "occurrence")
        # Copy files first (outside the transaction): a blob without a row is harmless,
        # a row without its blob would not be.
        blobs: list[tuple[StoredBlob, Path]] = [(self.ctx.store.put(p), p) for p in data.evidence_files]
        with self.db.transaction() as s:
            a = s.get(Assignment, data.assignment_id)
            if a is None:
                raise ValidationError("Hãy chọn cơ quan báo cáo.", "assignment")
            issued = a.task.directive.issued_on
            if issued is not None and data.received_on < issued:
                # a report cannot answer a directive not yet issued: a mistyped year, most likely
                raise ValidationError(
                    f"Ngày nhận báo cáo {data.received_on:%d/%m/%Y} trước ngày ban hành văn bản "
                    f"{a.task.directive.number} ({issued:%d/%m/%Y}); hãy kiểm tra lại ngày.",
                    "received_on",
                )
            report = Report(
                occurrence=data.occurrence,
                received_on=data.received_on,
                text=data.text.strip(),
                percent=100 if data.done and data.percent is None else data.percent,
                done=data.done,
                doc_number=data.doc_number.strip(),
                doc_date=data.doc_date,
            )
            a.reports.append(report)
            for blob, src in blobs:
                if s.get(StoredFile, blob.sha256) is None:
                    s.add(stored_file_row(blob))
                report.evidence.append(Evidence(sha256=blob.sha256, original_name=src.name))
            s.flush()
            refresh_task(s, a.task, self.ctx.today())
            return report.id

    @operation
    def add_evidence(self, report_id: int, files: list[Path]) -> None:
        blobs = [(self.ctx.store.put(p), p) for p in files]
        with self.db.transaction() as s:
            r = s.get(Report, report_id)
            if r is None:
                raise NotFound("Không tìm thấy báo cáo.")
            for blob, src in blobs:
                if s.get(StoredFile, blob.sha256) is None:
                    s.add(stored_file_row(blob))
                r.evidence.append(Evidence(sha256=blob.sha256, original_name=src.name))

    @operation
    def delete(self, report_id: int) -> None:
        with self.db.transaction() as s:
            r = s.get(Report, report_id)
            if r is None:
                raise NotFound("Không tìm thấy báo cáo.")
            task: Task = r.assignment.task
            number = f" số {r.doc_number}" if r.doc_number else ""
            label = f"Báo cáo{number} nhận ngày {r.received_on:%d/%m/%Y} — {shorten(task.content)}"
            move_to_trash(s, r, label)
            r.assignment.reports.remove(r)
            s.flush()
            refresh_task(s, task, self.ctx.today())

    def _checked_evidence(self, evidence_id: int) -> tuple[str, str]:
        """(sha256, name) of an evidence file whose stored copy is present and unchanged; else
        EvidenceCorrupt naming the file and its report, in `verify`'s words (never used silently)."""
        with self.db.reading() as s:
            e = s.get(Evidence, evidence_id)
            if e is None:
                raise NotFound("Không tìm thấy tệp minh chứng.")
            sha, name = e.sha256, e.original_name
            r = e.report
            number = f" số {r.doc_number}" if r.doc_number else ""
            label = f"{name} (báo cáo{number} nhận ngày {r.received_on:%d/%m/%Y}, mã báo cáo {r.id})"
        problem = stored_problem(self.ctx.store, sha, label)
        if problem is not None:
            raise EvidenceCorrupt(f"{problem} Tệp này không được mở; hãy khôi phục từ bản sao lưu.")
        return sha, name

    def evidence_path(self, evidence_id: int) -> Path:
        """The stored copy after its SHA-256 is checked; raises EvidenceCorrupt if it changed."""
        sha, name = self._checked_evidence(evidence_id)
        return self.ctx.store.verified_path(sha, name)

    def export_evidence(self, evidence_id: int, target_dir: Path) -> Path:
        """A copy to open, checked first (EvidenceCorrupt naming file and report if missing or changed)."""
        sha, name = self._checked_evidence(evidence_id)
        # one sub-folder per evidence row: two files both named "Báo cáo.pdf" must not overwrite
        return self.ctx.store.export(sha, name, target_dir / str(evidence_id))
