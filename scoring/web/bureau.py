"""What a bureau does with many submissions: take an upload in, re-score everything stored.

Scoring happens before anything is written; the writes of an upload (or a re-score run) then go to
the database in one transaction, so a failure part-way leaves nothing half-stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as DbEngine

from . import service, storage


@dataclass
class UploadOutcome:
    upload_id: int | None
    stored: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)


def take_upload(db: DbEngine, files: list[tuple[str, bytes]], workdir: Path, rules: service.Rules, engine, limits: service.Limits) -> UploadOutcome:
    """Read, score and store every submission in ``files``; a file that cannot be read is listed
    with its reason and the others are still stored; content already stored is recognised."""
    library = rules.library()
    loaded, failed = service.read_uploads(files, workdir, limits, library)
    known = storage.existing(db, (item.content_hash for item in loaded))
    outcome = UploadOutcome(None, failed=[{"name": f.shown, "reason": rules.public(f.reason)} for f in failed])
    new: list[storage.NewSubmission] = []
    seen: dict[str, str] = {}
    for item in loaded:
        if item.content_hash in known:
            before = known[item.content_hash]
            outcome.duplicates.append({"name": item.shown, "id": before["id"], "first": before["filename"], "at": str(before["uploaded_at"])})
            continue
        if item.content_hash in seen:
            outcome.duplicates.append({"name": item.shown, "id": None, "first": seen[item.content_hash], "at": "本次上传"})
            continue
        seen[item.content_hash] = item.shown
        sheets = service.score_case(item.case, item.shown, library, engine)
        info = item.case.case
        new.append(storage.NewSubmission(item.content_hash, item.shown, item.kind, info.id, info.unit, list(info.region),
                                         info.year, service.case_json(item.case), item.data, sheets))
        for s in sheets:
            outcome.stored.append({"name": item.shown, "unit": info.unit, "sheet": s.title, "status": s.worst_status or "failed",
                                   "computed": service.fmt(s.computed), "claimed": service.fmt(s.claimed), "grade": s.grade,
                                   "claimed_grade": s.claimed_grade, "failure": s.failure})
    report = {"stored": outcome.stored, "duplicates": outcome.duplicates, "failed": outcome.failed}
    if new or outcome.failed or outcome.duplicates:
        outcome.upload_id = storage.store_upload(db, new, report, len(outcome.duplicates), len(outcome.failed))
    return outcome


def rescore_all(db: DbEngine, rules: service.Rules, engine) -> int:
    """Re-score every stored submission under the rules now on disk; returns the run's id.  Every
    sheet gets a new current result; those whose verdict, total or grade moved are recorded as changes."""
    library = rules.library()

    def score(sub: dict) -> tuple[list, list[str]]:
        case = service.case_from_json(sub["case_json"])
        sheets = service.score_case(case, sub["filename"], library, engine)
        old = {r["sheet_id"]: r for r in sub["results"]}
        return sheets, [changed(old.get(s.sheet_id), s) for s in sheets]

    return storage.rescore(db, score)


def changed(old: dict | None, new: service.ScoredSheet) -> str:
    """What moved between a stored result and a new scoring, in words ("" when nothing did)."""
    if old is None:
        return "新增的表"
    what = []
    new_status = new.worst_status or "failed"
    new_severity = new.worst_severity if not new.failure else "error"
    if (old["total_status"], old["worst_status"], old["worst_severity"]) != (new.total_status or "failed", new_status, new_severity):
        what.append("结论")
    if service.number(old["computed"]) != new.computed or service.number(old["low"]) != new.low or service.number(old["high"]) != new.high:
        what.append("计算总分")
    # a grade stored as NULL was not recorded (an older version scored it): nothing to hold against
    if old["grade"] is not None and (old["grade"], old["claimed_grade"] or "") != (new.grade, new.claimed_grade):
        what.append("等级")
    if bool(old["failure"]) != bool(new.failure):
        what.append("能否复核")
    return "、".join(dict.fromkeys(what))


def record_grades(conn: Connection, rules: service.Rules, engine) -> tuple[int, int]:
    """The grades of results stored by a version that did not record them, worked out again where
    that is exact: the stored case scored under the rules now on disk gives the same rule set (by
    sha256) and the same total as the stored result.  The others stay "not recorded" until the next
    re-score.  Written on ``conn``, in the caller's transaction (the database's upgrade).  Returns
    (results given their grades, results left without)."""
    library = rules.library()

    def grades_of(sub: dict) -> dict[int, tuple[str, str]]:
        try:
            case = service.case_from_json(sub["case_json"])
        except ValueError:  # stored by a version whose case files this one reads otherwise: left to a re-score
            return {}
        now = {s.sheet_id: s for s in service.score_case(case, sub["filename"], library, engine)}
        found = {}
        for r in sub["results"]:
            s = now.get(r["sheet_id"])
            if s is not None and not s.failure and s.rules_sha256 == r["rules_sha256"] and r["total_status"] == s.total_status and (
                    service.number(r["computed"]), service.number(r["low"]), service.number(r["high"])) == (s.computed, s.low, s.high):
                found[r["id"]] = (s.grade, s.claimed_grade)
        return found

    return storage.fill_grades(conn, grades_of)
