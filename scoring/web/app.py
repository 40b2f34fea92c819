"""The app factory and its pages: a department fills a sheet and sees its score; a bureau uploads,
reviews and re-scores many; everyone can read the rules.

Pages are rendered on the server (Jinja2); the fill-in form re-scores through a JSON endpoint
with a small script shipped in ``static/``.  Nothing is fetched from outside.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..output.data import csv_safe
from ..output.labels import SEVERITY_LABELS, STATUS_LABELS, signed
from . import bureau, service, storage
from .security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, BodyLimit, Guard, check_token, csrf_ok, login_redirect, session_value

HERE = Path(__file__).resolve().parent
STATUS_NAMES = {**STATUS_LABELS, "failed": "无法复核"}
SEVERITY_NAMES = {**SEVERITY_LABELS, None: "无", "none": "无"}


@dataclass
class Settings:
    """Everything the app is started with."""

    data_dir: Path
    database_url: str | None = None  # default: SQLite file in data_dir
    rules_dir: Path | None = None
    token: str | None = None
    limits: service.Limits = field(default_factory=service.Limits)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def create_app(settings: Settings) -> Starlette:
    """The ASGI app: routes, templates, static files, the database and the guards."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    url = settings.database_url or f"sqlite:///{(settings.data_dir / 'scoring.db').resolve()}"
    db = storage.open_database(url)
    rules = service.Rules(settings.rules_dir)
    rules.library()  # an unusable rule folder stops the start, with its message, not the first page
    engine = service.Engine()
    upgrade = {"graded": 0, "ungraded": 0}

    def fill(conn, added: list[str]) -> None:
        if "results.grade" in added:
            # a database of a version that did not record grades: recorded now wherever that is exact
            upgrade["graded"], upgrade["ungraded"] = bureau.record_grades(conn, rules, engine)

    done = storage.upgrade(db, fill)
    upgrade.update(added=done.added, relaxed=done.relaxed)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(status_names=STATUS_NAMES, severity_names=SEVERITY_NAMES, fmt=service.fmt, grade_text=grade_text)
    templates.env.filters["signed"] = lambda text: signed(service.number(text))
    # The engine's evaluator is not shared between threads, and SQLite takes one writer at a time:
    # scoring and storing run one at a time, in a worker thread, so pages keep being served.
    work_lock = threading.Lock()

    async def work(fn, *args):
        def locked():
            with work_lock:
                return fn(*args)

        return await run_in_threadpool(locked)

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("title", "")
        response = templates.TemplateResponse(request, name, {"csrf": request.state.csrf, **context}, status_code=status)
        # the server's rules folder, in a rule file's place or a message, is no one's business on
        # another machine (review DZ A3: explanations, findings and rule pages showed it)
        body = bytes(response.body).decode("utf-8")
        public = rules.public(body)
        if public != body:
            response.body = public.encode("utf-8")
            response.headers["content-length"] = str(len(response.body))
        return response

    def error_page(request: Request, message: str, status: int = 400) -> HTMLResponse:
        return page(request, "error.html", status=status, title="出错了", message=rules.public(message))

    async def form_checked(request: Request, **limits):
        form = await request.form(**limits)
        if not csrf_ok(request, form.get(CSRF_FIELD)):
            raise HTTPException(403, "表单已过期或来自其他网站（CSRF 校验失败）。请刷新页面后重试。")
        return form

    # -- home and sign-in --------------------------------------------------------------------

    async def home(request: Request):
        library = rules.library()
        return page(request, "home.html", title="", choices=service.rule_choices(library),
                    failures=[str(f) for f in library.failures], counts=storage.facets(db))

    async def login(request: Request):
        if request.method == "GET":
            return page(request, "login.html", title="登录", next=login_redirect(request.query_params.get("next", "/")), wrong=False)
        form = await form_checked(request)
        target = login_redirect(str(form.get("next", "/")))
        if not settings.token or not check_token(str(form.get("token", "")), settings.token):
            return page(request, "login.html", status=401, title="登录", next=target, wrong=True)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(SESSION_COOKIE, session_value(settings.token, settings.secret), httponly=True, samesite="strict")
        return response

    # -- department: fill in and see the score ----------------------------------------------

    async def choose(request: Request):
        library = rules.library()
        q = request.query_params
        if q.get("sheet_type") and q.get("year"):
            try:
                ref = service.choose_sheet_rules(library, q.get("region", ""), service.year_of(q["year"]), q["sheet_type"])
            except service.ScoringError as exc:
                return page(request, "choose.html", status=400, title="选择规则", choices=service.rule_choices(library),
                            sheet_types=_sheet_types(library), error=rules.public(str(exc)), query=q)
            return RedirectResponse(f"/fill/{quote(ref, safe='@')}?" + urlencode({"region": q.get("region", ""), "year": q["year"]}), status_code=303)
        return page(request, "choose.html", title="选择规则", choices=service.rule_choices(library), sheet_types=_sheet_types(library),
                    error="", query=q)

    async def fill(request: Request):
        library = rules.library()
        ref = request.path_params["ref"]
        try:
            rule_set = library.find(ref)
        except service.ScoringError as exc:
            return error_page(request, str(exc), 404)
        q = request.query_params
        values = {"rules": rule_set.ref, "region": q.get("region") or "/".join(rule_set.region_path),
                  "year": q.get("year") or rule_set.info.sole_fiscal_year or ""}
        # rules chosen for a region and year its own province's rules do not cover: said, not silent
        notice = service.fallback_notice(library, str(values["region"]), str(values["year"]), rule_set)
        return _fill_page(request, rule_set, {"values": values, "sheets": [], "sheet": ""}, notice)

    def _fill_page(request: Request, rule_set, opened: dict, notice: str = "") -> HTMLResponse:
        model = service.form_model(rule_set)
        return page(request, "fill.html", title=f"填报：{rule_set.info.title}", model=model, opened=opened, notice=notice,
                    boot=_script_json({"model": model, "values": opened["values"]}))

    async def open_file(request: Request):
        form = await form_checked(request, max_files=1, max_fields=10)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return error_page(request, "请选择要打开的案例文件（.toml、.json）或填好的工作簿（.xlsx）。")
        data = await upload.read(settings.limits.file_bytes + 1)
        loaded, failed = await work(service.read_uploads, [(upload.filename, data)], settings.data_dir / "incoming", settings.limits, rules.library())
        if failed or not loaded or loaded[0].kind == "csv-row":
            reason = failed[0].reason if failed else "请打开一个案例文件或工作簿（案例表 .csv 请在“复核”页上传）。"
            return error_page(request, reason)
        library = rules.library()
        case = loaded[0].case
        try:
            opened = service.form_values(case, str(form.get("sheet") or "") or None, library)
            rule_set = library.find(opened["values"]["rules"])
        except service.ScoringError as exc:
            return error_page(request, f"{loaded[0].shown}：{exc}")
        notice = f"已打开 {loaded[0].shown}" + (f"（共 {len(case.sheets)} 张表，当前为“{case.sheets[0].title}”）" if len(case.sheets) > 1 else "")
        return _fill_page(request, rule_set, opened, notice)

    async def posted_form(request: Request):
        """A form's fields (CSRF checked) and its payload (the form's values as JSON; None when
        they cannot be read)."""
        form = await form_checked(request, max_files=0, max_fields=10)
        try:
            return form, json.loads(str(form.get("payload", "")))
        except (ValueError, RecursionError):  # nested past what the decoder follows: no form (review CF A7)
            return form, None

    async def switch_sheet(request: Request):
        """Another sheet of an opened file, the edits of the one in the form kept in the file."""
        form, data = await posted_form(request)
        if data is None:
            return error_page(request, "表单数据无法读取")
        library = rules.library()
        try:
            case, _ = service.case_from_form(data, library, with_others=True)
            opened = service.form_values(case, str(form.get("sheet") or "") or None, library)
            rule_set = library.find(opened["values"]["rules"])
        except service.FormError as exc:
            return error_page(request, "无法切换：" + "；".join(exc.messages))
        except service.ScoringError as exc:
            return error_page(request, f"无法切换：{exc}")
        title = next((s["title"] for s in opened["sheets"] if s["id"] == opened["sheet"]), "")
        return _fill_page(request, rule_set, opened, f"当前为“{title}”（本文件共 {len(case.sheets)} 张表）")

    async def api_score(request: Request):
        if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
            return JSONResponse({"ok": False, "errors": ["页面已过期（CSRF 校验失败），请刷新页面。"]}, status_code=403)
        try:
            data = await request.json()
        except (ValueError, RecursionError):
            return JSONResponse({"ok": False, "errors": ["请求不是有效的 JSON"]}, status_code=400)
        scored = json.dumps(await work(service.score_form, data, rules.library(), engine), ensure_ascii=False)
        return Response(rules.public(scored), media_type="application/json")  # no server folder in it (review DZ A3)

    async def download(request: Request):
        form, data = await posted_form(request)
        kind = str(form.get("kind", ""))
        if data is None:
            return error_page(request, "表单数据无法读取")
        library = rules.library()
        try:
            # an opened file's other sheets go into every download but the one-sheet template
            case, rule_set = service.case_from_form(data, library, with_others=kind != "template")
        except service.FormError as exc:
            return error_page(request, "无法下载：" + "；".join(exc.messages))
        name = (case.case.unit or "自评表").replace("/", "_")
        if kind == "toml":
            return _attachment(service.case_toml(case).encode("utf-8"), f"{name}.toml", "application/toml; charset=utf-8")
        if kind == "template":
            try:
                return _attachment(service.template_bytes(rule_set, case), f"{name}-填报.xlsx", XLSX)
            except ValueError as exc:  # more rows than the template holds
                return error_page(request, f"无法生成填报模板：{exc}")
        if kind == "xlsx":
            try:
                report = await work(service.report_for, case, "网页填报", library, engine)
            except service.ScoringError as exc:
                return error_page(request, f"无法复核：{exc}")
            return _attachment(service.workbook_bytes(report, case, library), f"{name}-复核.xlsx", XLSX)
        if kind == "docx":
            try:
                report = await work(service.report_for, case, "网页填报", library, engine)
            except service.ScoringError as exc:
                return error_page(request, f"无法复核：{exc}")
            return _attachment(service.review_docx_bytes(report, case), f"{name}-复核意见.docx", DOCX)
        return error_page(request, f"未知的下载类型“{kind}”")

    # -- bureau: upload, review, re-score ----------------------------------------------------

    def _filters(request: Request) -> storage.Filters:
        q = request.query_params

        def integer(name: str, default: int, low: int, high: int) -> int:
            try:
                return min(max(int(q.get(name, default)), low), high)
            except ValueError:
                return default

        return storage.Filters(region=q.get("region", ""), status=q.get("status", ""), severity=q.get("severity", ""),
                               rules=q.get("rules", ""), grade=q.get("grade", ""), q=q.get("q", "").strip(), sort=q.get("sort", "severity"),
                               desc=q.get("desc") == "1", page=integer("page", 1, 1, 10 ** 6), per_page=integer("per_page", 50, 10, 500))

    async def review(request: Request):
        f = _filters(request)
        rows, total = storage.page(db, f)
        pages = max(1, -(-total // f.per_page))
        query = {k: v for k, v in request.query_params.items() if k != "page"}
        facets = storage.facets(db)
        try:
            order = service.grade_labels(rules.library().rule_sets)
        except service.ScoringError:  # the rules folder is unusable just now: the stored history still shows
            order = []
        facets["grades"] = _grade_options(facets["grades"], order)
        return page(request, "review.html", title="复核汇总", rows=rows, total=total, f=f, pages=pages, facets=facets,
                    rollup=storage.rollup(db, f), uploads=storage.recent_uploads(db), query=query,
                    base_query=urlencode({k: v for k, v in query.items() if k not in ("sort", "desc")}),
                    export_query=urlencode(query), statuses=STATUS_NAMES)

    async def charts(request: Request):
        drawn = service.batch_charts(r for r in storage.iter_rows(db, _filters(request)) if not r["failure"])
        return page(request, "charts.html", title="复核图表", query=urlencode(request.query_params), **drawn)

    async def upload(request: Request):
        limits = settings.limits
        form = await form_checked(request, max_files=limits.files, max_fields=10)
        files = []
        for item in form.getlist("files"):
            if isinstance(item, UploadFile) and item.filename:
                data = await item.read(limits.file_bytes + 1)
                files.append((item.filename, data))
        if not files:
            return error_page(request, "请选择要上传的文件（可多选；.toml、.json、.xlsx、.csv 或它们的 .zip 压缩包）。")
        outcome = await work(bureau.take_upload, db, files, settings.data_dir / "incoming", rules, engine, limits)
        if outcome.upload_id is None:
            return error_page(request, "没有可保存的内容。")
        return RedirectResponse(f"/review/uploads/{outcome.upload_id}", status_code=303)

    async def upload_report(request: Request):
        found = storage.upload(db, request.path_params["id"])
        if found is None:
            return error_page(request, "没有这次上传。", 404)
        if found["kind"] == "rescore":
            return RedirectResponse(f"/review/runs/{found['id']}", status_code=303)
        return page(request, "upload.html", title=f"第 {found['id']} 次上传", upload=found)

    async def sheet(request: Request):
        found = storage.result(db, request.path_params["id"])
        if found is None:
            return error_page(request, "没有这条复核记录。", 404)
        detail = found["detail"]  # stored by older versions; now worked out again when asked for
        if not detail and not found["failure"]:
            try:
                detail = await work(service.explain_result, found, rules.library(), engine)
            except service.ScoringError as exc:
                return error_page(request, str(exc))
        return page(request, "sheet.html", title=f"{found['unit']}：{found['title']}", r=found, d=detail)

    async def submission_file(request: Request):
        found = storage.file_of(db, request.path_params["id"])
        if found is None:
            return error_page(request, "没有这份提交。", 404)
        sub, data = found
        if data is None:  # a row of a case table: its case file
            text = service.case_toml(service.case_from_json(sub["case_json"]), header=f"来自 {sub['filename']}")
            return _attachment(text.encode("utf-8"), f"{sub['case_id']}.toml", "application/toml; charset=utf-8")
        return _attachment(data, service.safe_name(sub["filename"].rsplit("/", 1)[-1]), "application/octet-stream")

    async def scored_workbook(request: Request):
        return await _submission_review(request, "xlsx")

    async def review_document(request: Request):
        return await _submission_review(request, "docx")

    async def _submission_review(request: Request, kind: str):
        """A stored submission scored under the rules now in effect: the scored workbook or the
        Word review."""
        found = storage.file_of(db, request.path_params["id"])
        if found is None:
            return error_page(request, "没有这份提交。", 404)
        sub, _ = found
        case = service.case_from_json(sub["case_json"])
        library = rules.library()
        try:
            report = await work(service.report_for, case, sub["filename"], library, engine)
        except service.ScoringError as exc:
            return error_page(request, f"无法按现行规则复核：{exc}")
        if kind == "docx":
            return _attachment(service.review_docx_bytes(report, case), f"{sub['case_id']}-复核意见.docx", DOCX)
        return _attachment(service.workbook_bytes(report, case, library), f"{sub['case_id']}-复核.xlsx", XLSX)

    async def export(request: Request):
        kind = request.path_params["kind"]
        f = _filters(request)
        # 编号 is the submission's, as the summary page shows it; a re-score gives a new 复核记录号
        header = ["编号", "复核记录号", "文件", "单位", "地区", "年度", "表", "规则集", "规则版本", "规则 sha256", "自评总分", "计算总分", "下限", "上限",
                  "差额", "总分状态", "最差状态", "最高级别", "错误数", "警告数", "等级", "自评等级", "无法复核的原因", "复核时间"]

        def cells(r: dict) -> list:
            return [r["submission_id"], r["id"], r["filename"], r["unit"], r["region"], r["year"], r["title"], r["rules_id"], r["rules_version"],
                    r["rules_sha256"], r["claimed"] or "", r["computed"] or "", r["low"] or "", r["high"] or "", r["delta"] or "",
                    STATUS_NAMES.get(r["total_status"], r["total_status"]), STATUS_NAMES.get(r["worst_status"], r["worst_status"]),
                    SEVERITY_NAMES.get(r["worst_severity"], ""), r["errors"], r["warnings"], grade_text(r["grade"]),
                    r["claimed_grade"] or "", r["failure"], str(r["scored_at"])]

        if kind == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
            writer = csv.writer(buffer)
            writer.writerow(header)
            for r in storage.iter_rows(db, f):
                writer.writerow([csv_safe(c) if isinstance(c, str) else c for c in cells(r)])
            return _attachment(buffer.getvalue().encode("utf-8"), "复核汇总.csv", "text/csv; charset=utf-8")
        if kind == "xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("复核汇总")
            ws.append(header)
            scores = {header.index(h) for h in ("自评总分", "计算总分", "下限", "上限", "差额")}
            for r in storage.iter_rows(db, f):
                ws.append([_number_cell(ws, c) if i in scores else _text_cell(ws, c) for i, c in enumerate(cells(r))])
            buffer = io.BytesIO()
            wb.save(buffer)
            return _attachment(buffer.getvalue(), "复核汇总.xlsx", XLSX)
        if kind == "docx":
            library = rules.library()

            def detail_of(result_id: int) -> dict | None:
                # the explanation is not stored: worked out again on the traced path, as the sheet page does
                found = storage.result(db, result_id)
                if found is None or found["failure"]:
                    return None
                if found["detail"]:
                    return found["detail"]
                try:
                    return service.explain_result(found, library, engine)
                except service.ScoringError:
                    return None

            data = await work(service.bureau_review_bytes, storage.iter_rows(db, f), detail_of)
            return _attachment(data, "复核汇总.docx", DOCX)
        return error_page(request, f"未知的导出格式“{kind}”", 404)

    async def rescore(request: Request):
        await form_checked(request, max_files=0, max_fields=5)
        try:
            run_id = await work(bureau.rescore_all, db, rules, engine)
        except service.ScoringError as exc:
            return error_page(request, f"规则目录无法使用，未重新复核：{exc}")
        return RedirectResponse(f"/review/runs/{run_id}", status_code=303)

    async def run(request: Request):
        found = storage.upload(db, request.path_params["id"])
        if found is None or found["kind"] != "rescore":
            return error_page(request, "没有这次重新复核。", 404)
        return page(request, "run.html", title=f"第 {found['id']} 次重新复核", run=found, changes=storage.run_changes(db, found["id"]))

    # -- rules --------------------------------------------------------------------------------

    async def rule_list(request: Request):
        library = rules.library()
        return page(request, "rules.html", title="规则集", choices=service.rule_choices(library), failures=[str(f) for f in library.failures])

    async def rule(request: Request):
        try:
            data = service.rule_page(rules.library(), request.path_params["ref"])
        except service.ScoringError as exc:
            return error_page(request, str(exc), 404)
        return page(request, "rule.html", title=data["title"], rs=data)

    async def rule_diff(request: Request):
        q = request.query_params
        try:
            data = service.rule_versions_diff(rules.library(), q.get("old", ""), q.get("new", ""))
        except service.ScoringError as exc:
            return error_page(request, str(exc), 404)
        return page(request, "rule_diff.html", title=f"{data['old']} → {data['new']}", diff=data)

    async def on_http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "errors": [exc.detail]}, status_code=exc.status_code)
        message = exc.detail if exc.status_code != 404 else "页面不存在。"
        return error_page(request, message, exc.status_code)

    async def on_multipart_error(request: Request, exc: Exception):
        return error_page(request, f"上传无法读取：{exc}", 400)

    routes = [
        Route("/", home),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/fill", choose),
        Route("/fill/open", open_file, methods=["POST"]),
        Route("/fill/download", download, methods=["POST"]),
        Route("/fill/switch", switch_sheet, methods=["POST"]),
        Route("/fill/{ref:path}", fill),
        Route("/api/score", api_score, methods=["POST"]),
        Route("/review", review),
        Route("/review/charts", charts),
        Route("/review/upload", upload, methods=["POST"]),
        Route("/review/uploads/{id:int}", upload_report),
        Route("/review/sheets/{id:int}", sheet),
        Route("/review/submissions/{id:int}/file", submission_file),
        Route("/review/submissions/{id:int}/scored.xlsx", scored_workbook),
        Route("/review/submissions/{id:int}/review.docx", review_document),
        Route("/review/export.{kind}", export),
        Route("/review/rescore", rescore, methods=["POST"]),
        Route("/review/runs/{id:int}", run),
        Route("/rules", rule_list),
        Route("/rules/diff", rule_diff),
        Route("/rules/{ref:path}", rule),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    from starlette.formparsers import MultiPartException

    app = Starlette(routes=routes, exception_handlers={HTTPException: on_http_error, MultiPartException: on_multipart_error})
    app.add_middleware(Guard, token=settings.token, secret=settings.secret)
    app.add_middleware(BodyLimit, limit=settings.limits.request_bytes)
    app.state.db = db
    app.state.settings = settings
    app.state.upgrade = upgrade
    return app


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, name: str, media_type: str) -> Response:
    # RFC 6266/5987: a Chinese file name survives in every current browser
    ascii_name = "".join(ch if ch.isascii() and ch.isalnum() or ch in "._-" else "_" for ch in name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can close it early."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _number_cell(ws, value):
    """A score as a number the spreadsheet sorts and sums (stored as text, "100.00" sorted before
    "79.01": review BZ C4), shown with the decimals it was written with; "" stays empty."""
    if not isinstance(value, str) or not value:
        return value
    from decimal import Decimal, InvalidOperation

    from openpyxl.cell import WriteOnlyCell

    try:
        number = Decimal(value)
    except InvalidOperation:
        return _text_cell(ws, value)
    cell = WriteOnlyCell(ws, value=number)
    places = -number.as_tuple().exponent if number.as_tuple().exponent < 0 else 0
    cell.number_format = "0" if places == 0 else "0." + "0" * places
    return cell


def _text_cell(ws, value):
    """A text beginning with "=" stays text in the workbook, never a formula."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


UNRECORDED_GRADE = "未记录"  # how a result stored before grades were recorded shows its grade


def grade_text(grade: str | None) -> str:
    """A stored grade as shown: "" when the rules declare none, 未记录 when it was not recorded."""
    return UNRECORDED_GRADE if grade is None else grade


def _grade_options(present: set, order: list[str]) -> list[tuple[str, str]]:
    """The grade filter's choices, (value, label): the grades stored, best first in ``order`` (the
    rule sets' grades; a range after the grades it spans up to), then 无等级 and 未记录."""

    def key(grade: str) -> tuple:
        parts = grade.split("～")
        return tuple(order.index(p) if p in order else len(order) for p in reversed(parts)), grade

    out = [(g, g) for g in sorted((g for g in present if g), key=key)]
    if "" in present:
        out.append((storage.NO_GRADE, "无等级"))
    if None in present:
        out.append((storage.UNRECORDED, UNRECORDED_GRADE))
    return out


def _sheet_types(library) -> list[str]:
    return sorted({r.info.sheet_type for r in library.rule_sets})
