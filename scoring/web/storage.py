"""The bureau's history in a database (SQLite by default; any database SQLAlchemy supports).

Tables:

* ``uploads``: one per upload or re-score run — when, how many stored, duplicates, failures.
* ``submissions``: one per case received — its content hash (unique: the same content twice is
  recognised), the file name, the unit and region, and the case itself (JSON, exact decimals).
* ``files``: the bytes of each submitted file, by content hash.
* ``results``: one per sheet per scoring — rule set id, version and sha256, totals, statuses, the
  explanation, when scored; the latest of each sheet is ``current``.
* ``changes``: what a re-score run changed (old result beside new).

A database written by an older version is brought up to date when it is opened (``upgrade``):
columns added since (all nullable; NULL in them means "not recorded") are added, and columns that
may now be NULL lose their NOT NULL.

Scores are stored as their decimal text (exact) beside a scaled integer used only for sorting
and filtering.  Every write happens in one transaction: an upload is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    create_engine,
    event,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.schema import CreateTable

from ..batch.summary import STATUS_RANK

metadata = MetaData()

uploads = Table(
    "uploads", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # upload | rescore
    Column("created_at", DateTime, nullable=False),
    Column("stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("changed", Integer, nullable=False, default=0),
    Column("report", Text, nullable=False, default="{}"),  # JSON: names of files, failures, duplicates
)

submissions = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("upload_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("case_id", String(200), nullable=False),
    Column("unit", String(300), nullable=False),
    Column("region", String(300), nullable=False),
    Column("province", String(100), nullable=False),
    Column("city", String(100), nullable=False),
    Column("year", Integer),  # NULL: the submission does not print its fiscal year
    Column("case_json", Text, nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
)

files = Table(
    "files", metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

results = Table(
    "results", metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("run_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("current", Boolean, nullable=False),
    Column("sheet_id", String(100), nullable=False),
    Column("title", String(300), nullable=False),
    Column("rules_id", String(100), nullable=False),
    Column("rules_version", String(50), nullable=False),
    Column("rules_sha256", String(64), nullable=False),
    Column("claimed", String(40)),
    Column("computed", String(40)),
    Column("low", String(40)),
    Column("high", String(40)),
    Column("delta", String(40)),
    Column("claimed_key", Integer),
    Column("computed_key", Integer),
    Column("delta_key", Integer),
    Column("total_status", String(20), nullable=False),
    Column("worst_status", String(20), nullable=False),
    Column("worst_severity", String(10)),
    Column("severity_rank", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    # the grade the rules give ("优", "良～优" for a range, "" when the rules declare none) and the
    # grade the sheet claims ("" when none); NULL: scored before grades were recorded
    Column("grade", String(40)),
    Column("claimed_grade", String(40)),
    Column("failure", Text, nullable=False, default=""),
    Column("detail", LargeBinary, nullable=False),  # zlib-compressed JSON: the explanation
    Column("scored_at", DateTime, nullable=False),
)
Index("ix_results_current", results.c.current, results.c.severity_rank, results.c.delta_key)
Index("ix_results_submission", results.c.submission_id, results.c.sheet_id)
Index("ix_submissions_region", submissions.c.province, submissions.c.city)

changes = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("uploads.id"), nullable=False),
    Column("old_id", Integer, ForeignKey("results.id")),
    Column("new_id", Integer, ForeignKey("results.id"), nullable=False),
    Column("what", String(200), nullable=False),
)

NO_GRADE = "none"  # the grade filter's value for sheets whose rules declare no grades (or not scored)
UNRECORDED = "unrecorded"  # … and for results stored before grades were recorded
SCALE = 10 ** 6  # sort keys: scores carry at most six decimals
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2, None: 3}
SORTS = {
    "unit": submissions.c.unit, "region": submissions.c.region, "rules": results.c.rules_id,
    "claimed": results.c.claimed_key, "computed": results.c.computed_key, "delta": results.c.delta_key,
    # by how alarming the status is (高报 before 低报 before 一致), not by its code's spelling
    "status": case({"failed": -1, **STATUS_RANK}, value=results.c.worst_status, else_=len(STATUS_RANK)),  # 无法复核 first
    "severity": results.c.severity_rank, "scored": results.c.scored_at,
    "id": submissions.c.id,
}


def open_database(url: str) -> DbEngine:
    """Connect and create the tables if they are missing (``upgrade`` then brings the tables of an
    older version's database up to date)."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # noqa: ANN001 - SQLAlchemy's hook signature
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()
    metadata.create_all(engine)
    return engine


@dataclass
class Upgraded:
    """What ``upgrade`` changed, as "table.column"."""

    added: list[str] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)  # NOT NULL dropped


def upgrade(engine: DbEngine, fill: Callable[[Connection, list[str]], object] | None = None) -> Upgraded:
    """Bring the tables of a database written by an older version up to date: add the columns it
    lacks (every column added since the first version is nullable, so old rows read as "not
    recorded") and drop NOT NULL where a column may now be empty; then ``fill(conn, added)`` records
    what it can in the new columns.  All in one transaction, DDL included, so an interrupted
    upgrade is done again at the next start."""
    sqlite = engine.dialect.name == "sqlite"
    done = Upgraded()
    with engine.connect() as conn:
        if sqlite:
            # a table rebuilt below is dropped and renamed under the references to it: foreign keys
            # are checked once at the end instead; BEGIN explicitly, as the driver would leave DDL
            # outside the transaction
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            for table in metadata.sorted_tables:
                added, relaxed = _upgrade_table(conn, table, sqlite)
                done.added += added
                done.relaxed += relaxed
            if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("数据库升级后外键不一致，已撤销升级")
            if done.added and fill is not None:
                fill(conn, done.added)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    return done


def _upgrade_table(conn: Connection, table: Table, sqlite: bool) -> tuple[list[str], list[str]]:
    """Add ``table``'s missing columns and drop the NOT NULLs the schema no longer has; returns
    the columns added and those relaxed."""
    present = {c["name"]: c for c in inspect(conn).get_columns(table.name)}
    missing = [c for c in table.columns if c.name not in present]
    relaxed = [c for c in table.columns if c.name in present and c.nullable and not present[c.name]["nullable"]]
    for column in missing:
        if not column.nullable:
            raise RuntimeError(f"数据库表 {table.name} 缺少必填列 {column.name}，无法自动升级")
    preparer = conn.dialect.identifier_preparer
    name = preparer.format_table(table)
    if relaxed and sqlite:
        # SQLite cannot change a column's constraints: the table is made again and its rows copied
        fresh = preparer.quote(f"{table.name}_upgraded")
        ddl = str(CreateTable(table).compile(dialect=conn.dialect)).strip()
        if not ddl.startswith(f"CREATE TABLE {name} ("):
            raise RuntimeError(f"无法升级数据库表 {table.name}：无法识别的建表语句")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fresh}")
        conn.exec_driver_sql(ddl.replace(f"CREATE TABLE {name} (", f"CREATE TABLE {fresh} (", 1))
        kept = ", ".join(preparer.format_column(c) for c in table.columns if c.name in present)
        conn.exec_driver_sql(f"INSERT INTO {fresh} ({kept}) SELECT {kept} FROM {name}")
        conn.exec_driver_sql(f"DROP TABLE {name}")
        conn.exec_driver_sql(f"ALTER TABLE {fresh} RENAME TO {name}")
        for index in table.indexes:
            index.create(conn)
    else:
        for column in missing:
            conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {preparer.format_column(column)} {column.type.compile(conn.dialect)}")
        for column in relaxed:
            conn.exec_driver_sql(f"ALTER TABLE {name} ALTER COLUMN {preparer.format_column(column)} DROP NOT NULL")
    return [f"{table.name}.{c.name}" for c in missing], [f"{table.name}.{c.name}" for c in relaxed]


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _key(value: Decimal | None) -> int | None:
    return None if value is None else int((value * SCALE).to_integral_value())


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def pack(detail: dict) -> bytes:
    return zlib.compress(json.dumps(detail, ensure_ascii=False).encode("utf-8"))


def unpack(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def result_values(submission_id: int, run_id: int, sheet, at: dt.datetime) -> dict:
    """The row of ``results`` for one scored sheet (a service.ScoredSheet)."""
    return {
        "submission_id": submission_id, "run_id": run_id, "current": True, "sheet_id": sheet.sheet_id,
        "title": sheet.title, "rules_id": sheet.rules_id, "rules_version": sheet.rules_version,
        "rules_sha256": sheet.rules_sha256, "claimed": _text(sheet.claimed), "computed": _text(sheet.computed),
        "low": _text(sheet.low), "high": _text(sheet.high), "delta": _text(sheet.delta),
        "claimed_key": _key(sheet.claimed), "computed_key": _key(sheet.computed), "delta_key": _key(sheet.delta),
        "total_status": sheet.total_status or "failed", "worst_status": sheet.worst_status or "failed",
        "worst_severity": sheet.worst_severity if not sheet.failure else "error",
        "severity_rank": -1 if sheet.failure else SEVERITY_RANK[sheet.worst_severity],
        "errors": sheet.errors, "warnings": sheet.warnings, "grade": sheet.grade, "claimed_grade": sheet.claimed_grade,
        "failure": sheet.failure,
        "detail": pack(sheet.detail), "scored_at": at,
    }


@dataclass
class NewSubmission:
    """What an upload stores for one case: the case, its bytes and its scored sheets."""

    content_hash: str
    filename: str
    kind: str
    case_id: str
    unit: str
    region: list[str]
    year: int
    case_json: str
    data: bytes | None
    sheets: list  # service.ScoredSheet


def existing(db: DbEngine, hashes: Iterable[str]) -> dict[str, dict]:
    """Stored submissions among ``hashes``: hash → {id, filename, uploaded_at}."""
    hashes = list(set(hashes))
    found = {}
    with db.connect() as conn:
        for start in range(0, len(hashes), 500):
            rows = conn.execute(select(submissions.c.id, submissions.c.content_hash, submissions.c.filename, submissions.c.uploaded_at)
                                .where(submissions.c.content_hash.in_(hashes[start:start + 500])))
            for r in rows:
                found[r.content_hash] = {"id": r.id, "filename": r.filename, "uploaded_at": r.uploaded_at}
    return found


def store_upload(db: DbEngine, items: list[NewSubmission], report: dict, duplicates: int, failed: int) -> int:
    """Store an upload whole, in one transaction; returns the upload's id."""
    at = now()
    with db.begin() as conn:
        upload_id = conn.execute(uploads.insert().values(
            kind="upload", created_at=at, stored=len(items), duplicates=duplicates, failed=failed, changed=0,
            report=json.dumps(report, ensure_ascii=False, default=str),
        )).inserted_primary_key[0]
        for item in items:
            if item.data is not None and conn.execute(select(files.c.content_hash).where(files.c.content_hash == item.content_hash)).first() is None:
                conn.execute(files.insert().values(content_hash=item.content_hash, size=len(item.data), data=item.data))
            submission_id = conn.execute(submissions.insert().values(
                content_hash=item.content_hash, upload_id=upload_id, filename=item.filename, kind=item.kind,
                case_id=item.case_id, unit=item.unit, region="/".join(item.region), province=item.region[0] if item.region else "",
                city=item.region[1] if len(item.region) > 1 else "", year=item.year, case_json=item.case_json, uploaded_at=at,
            )).inserted_primary_key[0]
            stored_sheets(conn, submission_id, upload_id, item.sheets, at)
    return upload_id


def stored_sheets(conn, submission_id: int, run_id: int, sheets: list, at: dt.datetime) -> list[int]:
    """Insert the results of one submission's sheets (inside the caller's transaction)."""
    ids = []
    for sheet in sheets:
        ids.append(conn.execute(results.insert().values(result_values(submission_id, run_id, sheet, at))).inserted_primary_key[0])
    return ids


# -- reading ---------------------------------------------------------------------------------------


@dataclass
class Filters:
    """The summary table's filters, sort and page, as the query string gives them."""

    region: str = ""
    status: str = ""
    severity: str = ""
    rules: str = ""
    grade: str = ""  # a grade as stored ("优", "良～优"); NO_GRADE or UNRECORDED for the rows without one
    q: str = ""
    sort: str = "severity"
    desc: bool = False
    page: int = 1
    per_page: int = 50

    def where(self):
        conds = [results.c.current.is_(True)]
        if self.region:
            conds.append(or_(submissions.c.region == self.region, submissions.c.region.startswith(self.region + "/", autoescape=True)))
        if self.status:
            conds.append(results.c.worst_status == self.status if self.status != "total_over" else results.c.total_status == "over")
        if self.severity:
            conds.append(results.c.worst_severity == self.severity if self.severity != "none" else results.c.worst_severity.is_(None))
        if self.grade:
            conds.append(results.c.grade.is_(None) if self.grade == UNRECORDED
                         else results.c.grade == ("" if self.grade == NO_GRADE else self.grade))
        if self.rules:
            rule_id, _, version = self.rules.partition("@")
            conds.append(results.c.rules_id == rule_id)
            if version:
                conds.append(results.c.rules_version == version)
        if self.q:
            conds.append(or_(*(column.contains(self.q, autoescape=True) for column in (submissions.c.unit, submissions.c.filename, submissions.c.case_id))))
        return and_(*conds)

    def order(self):
        column = SORTS.get(self.sort, results.c.severity_rank)
        first = column.desc() if self.desc else column.asc()
        if self.sort == "severity":
            # the default: most severe first, then the largest over-claim
            return [first, results.c.delta_key.desc(), submissions.c.id, results.c.id]
        return [first, submissions.c.id, results.c.id]


SUMMARY_COLUMNS = [
    results.c.id, results.c.submission_id, submissions.c.filename, submissions.c.case_id, submissions.c.unit,
    submissions.c.region, submissions.c.year, results.c.sheet_id, results.c.title, results.c.rules_id,
    results.c.rules_version, results.c.rules_sha256, results.c.claimed, results.c.computed, results.c.low,
    results.c.high, results.c.delta, results.c.total_status, results.c.worst_status, results.c.worst_severity,
    results.c.errors, results.c.warnings, results.c.grade, results.c.claimed_grade, results.c.failure, results.c.scored_at,
    submissions.c.uploaded_at,
]


def _joined():
    return results.join(submissions, results.c.submission_id == submissions.c.id)


def page(db: DbEngine, f: Filters) -> tuple[list[dict], int]:
    """One page of the summary table and the number of matching rows."""
    with db.connect() as conn:
        total = conn.execute(select(func.count()).select_from(_joined()).where(f.where())).scalar_one()
        rows = conn.execute(select(*SUMMARY_COLUMNS).select_from(_joined()).where(f.where()).order_by(*f.order())
                            .limit(f.per_page).offset((f.page - 1) * f.per_page))
        return [dict(r._mapping) for r in rows], total


def iter_rows(db: DbEngine, f: Filters, chunk: int = 1000) -> Iterator[dict]:
    """Every matching row in the table's order, a chunk at a time (exports of any size)."""
    offset = 0
    while True:
        with db.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(*SUMMARY_COLUMNS).select_from(_joined()).where(f.where()).order_by(*f.order()).limit(chunk).offset(offset))]
        yield from rows
        if len(rows) < chunk:
            return
        offset += chunk


# Totals with a verdict: a partial sheet's claimed total against the part it checks, or a total
# the rules leave unverifiable, says nothing of the whole sheet (README "Statuses"), and summed in
# would make a city look over-claimed by what was never transcribed (review CG A4).
_SUMMED_TOTALS = ("match", "over", "under")


def rollup(db: DbEngine, f: Filters) -> list[dict]:
    """Per province and city: sheets, with errors, total over-claimed, failed, and the sums of
    claimed and computed totals of the sheets whose total has a verdict (exact: summed from the
    stored text)."""
    out: dict[tuple[str, str], dict] = {}
    with db.connect() as conn:
        rows = conn.execute(select(submissions.c.province, submissions.c.city, results.c.claimed, results.c.computed,
                                   results.c.total_status, results.c.worst_severity, results.c.failure)
                            .select_from(_joined()).where(f.where()))
        for r in rows:
            entry = out.setdefault((r.province, r.city), {"province": r.province, "city": r.city, "sheets": 0, "errors": 0,
                                                        "over": 0, "failed": 0, "claimed": Decimal(0), "computed": Decimal(0), "pairs": 0})
            entry["sheets"] += 1
            entry["errors"] += r.worst_severity == "error"
            entry["over"] += r.total_status == "over"
            entry["failed"] += bool(r.failure)
            if r.claimed is not None and r.computed is not None and r.total_status in _SUMMED_TOTALS:
                entry["pairs"] += 1
                entry["claimed"] += Decimal(r.claimed)
                entry["computed"] += Decimal(r.computed)
    return [out[k] for k in sorted(out)]


def facets(db: DbEngine) -> dict:
    """The values the filters offer: regions (province and city), rule sets in use and the grades
    stored (None among them: results stored before grades were recorded)."""
    with db.connect() as conn:
        regions = set()
        for r in conn.execute(select(submissions.c.province, submissions.c.city).distinct()):
            regions.add(r.province)
            if r.city:
                regions.add(f"{r.province}/{r.city}")
        rules = [f"{r.rules_id}@{r.rules_version}" for r in conn.execute(
            select(results.c.rules_id, results.c.rules_version).where(results.c.current.is_(True), results.c.rules_id != "").distinct())]
        grades = set(conn.execute(select(results.c.grade).where(results.c.current.is_(True)).distinct()).scalars())
        counts = conn.execute(select(func.count()).select_from(results).where(results.c.current.is_(True))).scalar_one()
    return {"regions": sorted(r for r in regions if r), "rules": sorted(rules), "grades": grades, "count": counts}


def result(db: DbEngine, result_id: int) -> dict | None:
    """One stored result with its submission and its explanation."""
    with db.connect() as conn:
        row = conn.execute(select(*SUMMARY_COLUMNS, results.c.detail, results.c.current, submissions.c.content_hash,
                                  submissions.c.kind, submissions.c.case_json)
                           .select_from(_joined()).where(results.c.id == result_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["detail"] = unpack(out["detail"])
        out["history"] = [dict(r._mapping) for r in conn.execute(
            select(results.c.id, results.c.rules_id, results.c.rules_version, results.c.rules_sha256, results.c.computed,
                   results.c.total_status, results.c.worst_severity, results.c.grade, results.c.claimed_grade,
                   results.c.scored_at, results.c.current)
            .where(results.c.submission_id == out["submission_id"], results.c.sheet_id == out["sheet_id"]).order_by(results.c.id))]
        return out


def file_of(db: DbEngine, submission_id: int) -> tuple[dict, bytes | None] | None:
    """A submission and the bytes of its file (None for a table row)."""
    with db.connect() as conn:
        sub = conn.execute(select(submissions).where(submissions.c.id == submission_id)).first()
        if sub is None:
            return None
        data = conn.execute(select(files.c.data).where(files.c.content_hash == sub.content_hash)).scalar_one_or_none()
        return dict(sub._mapping), data


def upload(db: DbEngine, upload_id: int) -> dict | None:
    with db.connect() as conn:
        row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["report"] = json.loads(out["report"])
        return out


def recent_uploads(db: DbEngine, limit: int = 20) -> list[dict]:
    with db.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(uploads.c.id, uploads.c.kind, uploads.c.created_at, uploads.c.stored,
                                                              uploads.c.duplicates, uploads.c.failed, uploads.c.changed)
                                                       .order_by(uploads.c.id.desc()).limit(limit))]


# -- re-scoring ------------------------------------------------------------------------------------


def _current_cases(conn, chunk: int = 200) -> Iterator[dict]:
    """Every stored submission with its current results, read a chunk at a time on ``conn``."""
    last = 0
    while True:
        subs = [dict(r._mapping) for r in conn.execute(
            select(submissions.c.id, submissions.c.filename, submissions.c.case_json)
            .where(submissions.c.id > last).order_by(submissions.c.id).limit(chunk))]
        if not subs:
            return
        ids = [s["id"] for s in subs]
        by_sub: dict[int, list[dict]] = {i: [] for i in ids}
        for r in conn.execute(select(results.c.id, results.c.submission_id, results.c.sheet_id, results.c.computed, results.c.low,
                                     results.c.high, results.c.total_status, results.c.worst_status,
                                     results.c.worst_severity, results.c.grade, results.c.claimed_grade, results.c.failure)
                              .where(results.c.submission_id.in_(ids), results.c.current.is_(True))):
            by_sub[r.submission_id].append(dict(r._mapping))
        for s in subs:
            s["results"] = by_sub[s["id"]]
            yield s
        last = ids[-1]


def rescore(db: DbEngine, score: Callable[[dict], tuple[list, list[str]]]) -> int:
    """A re-score run, in one transaction: ``score(submission)`` gives the new ScoredSheets and,
    per sheet, what changed ("" when nothing did).  Every sheet gets a new current result, the old
    ones stay as history, and a change is recorded where something moved.  Returns the run's id."""
    at = now()
    with db.begin() as conn:
        run_id = conn.execute(uploads.insert().values(kind="rescore", created_at=at, stored=0, duplicates=0, failed=0, changed=0,
                                                      report="{}")).inserted_primary_key[0]
        changed = sheets_done = 0
        for sub in _current_cases(conn):
            sheets, whats = score(sub)
            old_ids = {r["sheet_id"]: r["id"] for r in sub["results"]}
            conn.execute(results.update().where(results.c.submission_id == sub["id"], results.c.current.is_(True)).values(current=False))
            new_ids = stored_sheets(conn, sub["id"], run_id, sheets, at)
            sheets_done += len(sheets)
            for sheet, new_id, what in zip(sheets, new_ids, whats):
                if what:
                    changed += 1
                    conn.execute(changes.insert().values(run_id=run_id, old_id=old_ids.get(sheet.sheet_id), new_id=new_id, what=what))
        conn.execute(uploads.update().where(uploads.c.id == run_id).values(stored=sheets_done, changed=changed))
    return run_id


def fill_grades(conn: Connection, grades_of: Callable[[dict], dict[int, tuple[str, str]]], chunk: int = 200) -> tuple[int, int]:
    """Record, on ``conn`` (in the caller's transaction), the grades of the current results stored
    before grades were; earlier results stay as they were recorded.  ``grades_of(submission)`` gets
    a submission with ``results``, its current results that lack a grade, and gives (grade, claimed
    grade) per result id it can vouch for.  Returns how many results got their grades and how many
    still lack them."""
    lacking = and_(results.c.current.is_(True), results.c.grade.is_(None), results.c.failure == "")
    filled = left = last = 0
    while True:
        ids = list(conn.execute(select(results.c.submission_id).where(lacking, results.c.submission_id > last).distinct()
                                .order_by(results.c.submission_id).limit(chunk)).scalars())
        if not ids:
            return filled, left
        by_sub: dict[int, list[dict]] = {i: [] for i in ids}
        for r in conn.execute(select(results.c.id, results.c.submission_id, results.c.sheet_id, results.c.rules_sha256,
                                     results.c.computed, results.c.low, results.c.high, results.c.total_status)
                              .where(lacking, results.c.submission_id.in_(ids))):
            by_sub[r.submission_id].append(dict(r._mapping))
        subs = conn.execute(select(submissions.c.id, submissions.c.filename, submissions.c.case_json)
                            .where(submissions.c.id.in_(ids))).all()
        for row in subs:
            sub = dict(row._mapping)
            sub["results"] = by_sub[sub["id"]]
            found = grades_of(sub)
            for r in sub["results"]:
                if r["id"] in found:
                    grade, claimed = found[r["id"]]
                    conn.execute(results.update().where(results.c.id == r["id"]).values(grade=grade, claimed_grade=claimed))
                    filled += 1
                else:
                    left += 1
        last = ids[-1]


def run_changes(db: DbEngine, run_id: int) -> list[dict]:
    """The changes a re-score run recorded, old beside new."""
    old = results.alias("old")
    new = results.alias("new")
    with db.connect() as conn:
        rows = conn.execute(
            select(changes.c.what, new.c.id.label("new_id"), old.c.id.label("old_id"), submissions.c.unit, submissions.c.filename,
                   new.c.title, new.c.sheet_id,
                   old.c.rules_id.label("old_rules_id"), old.c.rules_version.label("old_version"), old.c.rules_sha256.label("old_sha"),
                   old.c.computed.label("old_computed"), old.c.total_status.label("old_status"), old.c.worst_severity.label("old_severity"),
                   old.c.claimed.label("claimed"), old.c.grade.label("old_grade"), old.c.claimed_grade.label("old_claimed_grade"),
                   new.c.rules_id.label("new_rules_id"), new.c.rules_version.label("new_version"), new.c.rules_sha256.label("new_sha"),
                   new.c.computed.label("new_computed"), new.c.total_status.label("new_status"), new.c.worst_severity.label("new_severity"),
                   new.c.grade.label("new_grade"), new.c.claimed_grade.label("new_claimed_grade"), new.c.failure.label("new_failure"))
            .select_from(changes.join(new, changes.c.new_id == new.c.id).outerjoin(old, changes.c.old_id == old.c.id)
                         .join(submissions, new.c.submission_id == submissions.c.id))
            .where(changes.c.run_id == run_id).order_by(changes.c.id))
        return [dict(r._mapping) for r in rows]
