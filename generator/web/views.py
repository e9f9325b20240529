"""The pages of `thidua serve`. A unit reaches only its own pages (/don-vi/<its code>/…); the
agency (Ban Thi đua) reaches every unit's and its own (/ban-thi-dua/…). Views speak HTTP and
render templates; the work is done by :mod:`.plans`, :mod:`.forms` and the store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from generator.errors import Issue, ThiduaError
from generator.store.submissions import (
    AGENCY,
    APPROVED,
    DRAFT,
    RETURNED,
    SENT,
    NotAllowed,
    StaleVersion,
    Submission,
    Version,
)

from . import forms, nominations, pages, papers, plans, publish
from .context import csrf_token, store

blueprint = Blueprint("web", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def campaign() -> plans.Campaign:
    return plans.load_campaign(current_app.extensions["thidua"]["folder"])


def signed_in(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if g.account is None:
            return redirect(url_for("web.sign_in", next=request.path))
        return view(*args, **kwargs)
    return wrapper


def agency_only(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if g.account is None:
            return redirect(url_for("web.sign_in", next=request.path))
        if g.account.role != "agency":
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def unit_allowed(code: str) -> dict[str, Any]:
    """The unit *code*, if the signed-in account may see it (its own, or the agency): else 403;
    404 for a code the campaign does not have."""
    unit = campaign().units.get(code)
    if g.account.role != "agency" and g.account.code != code:
        abort(403)
    if unit is None:
        abort(404)
    return unit


# ------------------------------------------------------------------ sign-in

@blueprint.get("/")
def home() -> Any:
    if g.account is None:
        return redirect(url_for("web.sign_in"))
    if g.account.role == "agency":
        return redirect(url_for("web.agency"))
    return redirect(url_for("web.plan", code=g.account.code))


class Failures:
    """Failed sign-ins per code, in memory: after *limit* within *minutes*, that code is
    refused until the window passes. The secrets are random (about 98 bits), so this is not
    what keeps them safe; it keeps a script from filling the log and the CPU (scrypt)."""

    def __init__(self, limit: int = 10, minutes: int = 15) -> None:
        self.limit, self.minutes = limit, minutes
        self._times: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, code: str) -> list[float]:
        since = time.monotonic() - self.minutes * 60
        kept = [t for t in self._times.get(code, []) if t > since]
        self._times[code] = kept
        return kept

    def locked(self, code: str) -> bool:
        with self._lock:
            return len(self._recent(code)) >= self.limit

    def record(self, code: str) -> None:
        with self._lock:
            self._recent(code).append(time.monotonic())

    def clear(self, code: str) -> None:
        with self._lock:
            self._times.pop(code, None)


def _failures() -> Failures:
    found: Failures = current_app.extensions["thidua"]["failures"]
    return found


@blueprint.route("/dang-nhap", methods=["GET", "POST"])
def sign_in() -> Any:
    csrf_token()
    error = ""
    code = ""
    if request.method == "POST":
        code = request.form.get("code", "").strip()
        secret = request.form.get("secret", "").strip()
        folded = code.lower() if code.lower() == AGENCY else code.upper()
        if _failures().locked(folded):
            error = (f"Đăng nhập sai quá {_failures().limit} lần với mã này; hãy thử lại sau "
                     f"{_failures().minutes} phút, hoặc xin Ban Thi đua cấp lại mã bí mật.")
            return render_template("sign_in.html", error=error, code=code), 429
        account = store().verify(folded, secret) if code and secret else None
        if account is None:
            _failures().record(folded)
            error = "Mã đơn vị hoặc mã bí mật không đúng."
        else:
            _failures().clear(folded)
            session.clear()
            session["code"] = account.code
            session["generation"] = account.generation
            session["since"] = time.time()
            csrf_token()
            target = request.args.get("next", "")
            # Only a path of this site: never an address elsewhere.
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("web.home")
            return redirect(target)
    return render_template("sign_in.html", error=error, code=code), (401 if error else 200)


@blueprint.post("/dang-xuat")
def sign_out() -> Any:
    session.clear()
    return redirect(url_for("web.sign_in"))


# ------------------------------------------------------------------ a unit's papers
# Every paper (the plan, each cycle's nominations) has the same pages; the routes below are thin
# and name the paper, the generic views do the work.

def _state(sub: Submission | None) -> str:
    return sub.state if sub else DRAFT


def _editable(sub: Submission | None) -> bool:
    return g.account.role == "unit" and _state(sub) in (DRAFT, RETURNED)


def _cycle_paper(cycle: str) -> papers.Paper:
    """The nominations paper of the cycle folder *cycle*: 404 for a name the campaign's
    cycles do not have (the name is looked up, never used as a path)."""
    found = nominations.cycle_named(campaign(), cycle)
    if found is None:
        abort(404)
    return papers.nominations_paper(found)


def _links(paper: papers.Paper, code: str) -> dict[str, Any]:
    args = paper.args(code)
    endpoint = paper.endpoint
    return {"form": url_for(f"web.{endpoint}", **args),
            "post": url_for(f"web.{endpoint}_post", **args),
            "preview": url_for(f"web.{endpoint}_preview", **args),
            "download": url_for(f"web.{endpoint}_docx", **args),
            "history": url_for(f"web.{endpoint}_history", **args),
            "review": url_for(f"web.{endpoint}_review", **args),
            "version": lambda n: url_for(f"web.{endpoint}_version", number=n, **args),
            "restore": lambda n: url_for(f"web.{endpoint}_restore", number=n, **args)}


def _others(paper: papers.Paper, code: str) -> list[tuple[str, str]]:
    """The unit's other papers, as (label, address) for the page's links."""
    return [(other.heading, url_for(f"web.{other.endpoint}", **other.args(code)))
            for other in papers.papers(campaign()) if other.form != paper.form]


def _form_page(paper: papers.Paper, code: str, data: dict[str, Any], sub: Submission | None,
               found: forms.Problems | None = None, warnings: list[Issue] | None = None,
               notice: str = "", base: int | None = None, status: int = 200,
               viewing: Version | None = None) -> Any:
    unit = campaign().units[code]
    return render_template(
        "plan.html", paper=paper, links=_links(paper, code), others=_others(paper, code),
        unit=unit, code=code, data=data, sub=sub, state=_state(sub),
        form=forms.form_for(paper.schema), problems=found or forms.Problems(),
        warnings=warnings or [], notice=notice,
        editable=_editable(sub) and viewing is None, viewing=viewing,
        can_restore=viewing is not None and _editable(sub) and sub is not None
        and viewing.version != sub.version,
        base=sub.version if base is None and sub else (base or 0),
        value_at=forms.value_at, pattern=forms.pattern,
        suggestions=papers.suggestions(campaign(), paper)), status


def _show(paper: papers.Paper, code: str) -> Any:
    unit_allowed(code)
    sub = store().current(code, paper.form)
    data = sub.data if sub else papers.starting_data(campaign(), paper, code)
    notice = {"saved": "Đã lưu.", "sent": f"Đã gửi {paper.noun} tới Ban Thi đua."}.get(
        request.args.get("ok", ""), "") if _state(sub) in (DRAFT, RETURNED, SENT) else ""
    if request.args.get("ok") == "sent" and _state(sub) != SENT:
        notice = ""         # a reload of the old address after the agency has answered
    return _form_page(paper, code, data, sub, notice=notice)


def _post(paper: papers.Paper, code: str) -> Any:
    unit_allowed(code)
    if g.account.role != "unit":
        abort(403)                       # the agency reviews; it does not write a unit's data
    sub = store().current(code, paper.form)
    action = request.form.get("_action", "save")
    base_text = request.form.get("_base", "")
    base = int(base_text) if base_text.isdigit() else -1
    removed = action.removeprefix("remove:") if action.startswith("remove:") else ""
    data = forms.data_from_form(request.form, papers.fixed_fields(paper, code), paper.schema,
                                removed=removed)
    if action.startswith(("add:", "remove:")):
        if action.startswith("add:"):
            data = forms.added_row(data, action.removeprefix("add:"), paper.schema)
        return _form_page(paper, code, data, sub, base=base,
                          notice="Đã đổi bảng; nội dung chưa được lưu: hãy bấm «Lưu nháp».")
    if not _editable(sub) and not (action == "send" and _state(sub) == SENT):
        return _form_page(paper, code, data, sub, base=base, status=409,
                          notice=f"{paper.noun} đang ở trạng thái «{_state(sub)}», không sửa "
                                 "được.")
    sending = action == "send"
    errors, warnings = papers.check(campaign(), paper, code, data, sending=sending)
    if sending and errors:
        return _form_page(paper, code, data, sub, forms.problems(errors, paper.schema),
                          warnings, base=base, status=422,
                          notice="Chưa gửi được: hãy sửa các lỗi dưới đây.")
    try:
        saved = store().save(code, g.account.code, data, base, send=sending, form=paper.form)
    except (StaleVersion, NotAllowed) as err:
        return _form_page(paper, code, data, sub, notice=str(err), base=base, status=409)
    if errors:      # a draft with errors is kept (nothing typed is lost) and the errors shown
        return _form_page(paper, code, data, saved, forms.problems(errors, paper.schema),
                          warnings, status=422,
                          notice=f"Đã lưu bản nháp (bản {saved.version}), nhưng còn lỗi cần "
                                 "sửa trước khi gửi.")
    if action == "preview":
        return redirect(url_for(f"web.{paper.endpoint}_preview", **paper.args(code)), 303)
    return redirect(url_for(f"web.{paper.endpoint}", ok="sent" if sending else "saved",
                            **paper.args(code)), 303)


def _preview(paper: papers.Paper, code: str
             ) -> tuple[list[Issue], plans.Preview | None]:
    """The unit's current data (saved, else its starting data), checked and rendered."""
    sub = store().current(code, paper.form)
    data = sub.data if sub else papers.starting_data(campaign(), paper, code)
    try:
        return papers.preview_of(campaign(), paper, code, data)
    except ThiduaError as err:
        return [Issue(papers.display_file(paper, code), "$", str(err))], None


def _preview_page(made: plans.Preview | None, errors: list[Issue],
                  subject: str, document: str, back: str, endpoint: str, schema: str,
                  **args: Any) -> Any:
    """The preview of a rendered document: its text, its download, and (asked for with
    ?trang=1, when LibreOffice is here, for a .docx) its pages as images; or the errors that
    stop it."""
    if made is None:
        return render_template("preview.html", subject=subject, document=document, back=back,
                               problems=forms.problems(errors, schema)), 422
    content = made.rendered.content
    text = list(made.text)
    count: list[int] = []
    paged = pages.available() and made.rendered.name.endswith(".docx")
    if paged and request.args.get("trang") == "1":
        try:
            images = pages.page_images(content, current_app.extensions["thidua"]["cache"])
            count = list(range(1, len(images) + 1))
        except ThiduaError as err:
            text.insert(0, f"(Không tạo được ảnh trang: {err})")
    digest = pages.digest(content)
    return render_template(
        "preview.html", subject=subject, document=document, back=back,
        problems=forms.Problems(), name=made.rendered.name, text=text, pages=count,
        can_pages=paged, download=url_for(f"web.{endpoint}_docx", **args),
        with_pages=url_for(f"web.{endpoint}_preview", trang=1, **args),
        image_url=lambda n: url_for(f"web.{endpoint}_page", digest=digest, number=n, **args))


def _page_image(made: plans.Preview | None, digest: str,
                number: int) -> Any:
    """Page *number* of the document just rendered: only of that content, never a path."""
    if made is None or pages.digest(made.rendered.content) != digest or not pages.available():
        abort(404)
    images = pages.page_images(made.rendered.content, current_app.extensions["thidua"]["cache"])
    if not 1 <= number <= len(images):
        abort(404)
    return send_file(images[number - 1], mimetype="image/png")


def _show_preview(paper: papers.Paper, code: str) -> Any:
    unit = unit_allowed(code)
    errors, made = _preview(paper, code)
    return _preview_page(made, errors, unit["name"], paper.document,
                         url_for(f"web.{paper.endpoint}", **paper.args(code)), paper.endpoint,
                         paper.schema, **paper.args(code))


def _download_paper(paper: papers.Paper, code: str) -> Any:
    unit_allowed(code)
    _, made = _preview(paper, code)
    if made is None:
        return redirect(url_for(f"web.{paper.endpoint}_preview", **paper.args(code)))
    return _download(made.rendered.content, made.rendered.name)


def _download(content: bytes, name: str) -> Response:
    """An attachment with its Vietnamese name (RFC 5987 filename*, an ASCII fallback)."""
    import io
    mimetype = DOCX if name.endswith(".docx") else "application/zip"
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True,
                     download_name=name)


def _history(paper: papers.Paper, code: str) -> Any:
    unit = unit_allowed(code)
    return render_template("history.html", unit=unit, code=code, paper=paper,
                           links=_links(paper, code),
                           versions=store().versions(code, paper.form),
                           label_of=lambda path: forms.label_of(path, paper.schema))


def _version(paper: papers.Paper, code: str, number: int) -> Any:
    """One earlier version, read-only, with a button to take it up again."""
    unit_allowed(code)
    found = [v for v in store().versions(code, paper.form) if v.version == number]
    data = store().version_data(code, number, paper.form)
    if not found or data is None:
        abort(404)
    return _form_page(paper, code, data, store().current(code, paper.form), viewing=found[0])


def _restore(paper: papers.Paper, code: str, number: int) -> Any:
    """An earlier version saved again as the newest: nothing in between is lost."""
    unit_allowed(code)
    if g.account.role != "unit":
        abort(403)
    data = store().version_data(code, number, paper.form)
    sub = store().current(code, paper.form)
    if data is None or sub is None:
        abort(404)
    base_text = request.form.get("_base", "")
    try:
        store().save(code, g.account.code, data, int(base_text) if base_text.isdigit() else -1,
                     form=paper.form)
    except (StaleVersion, NotAllowed) as err:
        return _form_page(paper, code, sub.data, sub, notice=str(err), status=409)
    return redirect(url_for(f"web.{paper.endpoint}", ok="saved", **paper.args(code)), 303)


def _review(paper: papers.Paper, code: str) -> Any:
    unit_allowed(code)
    approve = request.form.get("_action") == "approve"
    try:
        store().review(code, g.account.code, approve, request.form.get("comment", ""),
                       form=paper.form)
    except NotAllowed as err:
        sub = store().current(code, paper.form)
        data = sub.data if sub else papers.starting_data(campaign(), paper, code)
        return _form_page(paper, code, data, sub, notice=str(err), status=409)
    # Back to the list of the paper just reviewed, not to the plans.
    back: dict[str, Any] = {"giay-to": paper.form}
    return redirect(url_for("web.agency", **back), 303)


# The plan's pages.

@blueprint.get("/don-vi/<code>/ke-hoach")
@signed_in
def plan(code: str) -> Any:
    return _show(papers.PLAN_PAPER, code)


@blueprint.post("/don-vi/<code>/ke-hoach")
@signed_in
def plan_post(code: str) -> Any:
    return _post(papers.PLAN_PAPER, code)


@blueprint.get("/don-vi/<code>/xem-truoc")
@signed_in
def plan_preview(code: str) -> Any:
    return _show_preview(papers.PLAN_PAPER, code)


@blueprint.get("/don-vi/<code>/trang/<digest>/<int:number>.png")
@signed_in
def plan_page(code: str, digest: str, number: int) -> Any:
    unit_allowed(code)
    return _page_image(_preview(papers.PLAN_PAPER, code)[1], digest, number)


@blueprint.get("/don-vi/<code>/ke-hoach.docx")
@signed_in
def plan_docx(code: str) -> Any:
    return _download_paper(papers.PLAN_PAPER, code)


@blueprint.get("/don-vi/<code>/lich-su")
@signed_in
def plan_history(code: str) -> Any:
    return _history(papers.PLAN_PAPER, code)


@blueprint.get("/don-vi/<code>/lich-su/<int:number>")
@signed_in
def plan_version(code: str, number: int) -> Any:
    return _version(papers.PLAN_PAPER, code, number)


@blueprint.post("/don-vi/<code>/lich-su/<int:number>/lay-lai")
@signed_in
def plan_restore(code: str, number: int) -> Any:
    return _restore(papers.PLAN_PAPER, code, number)


@blueprint.post("/don-vi/<code>/xet-duyet")
@agency_only
def plan_review(code: str) -> Any:
    return _review(papers.PLAN_PAPER, code)


# Each cycle's nominations (the cycle's folder name in the address).

@blueprint.get("/don-vi/<code>/de-nghi/<cycle>", endpoint="nominations")
@signed_in
def nominations_form(code: str, cycle: str) -> Any:
    return _show(_cycle_paper(cycle), code)


@blueprint.post("/don-vi/<code>/de-nghi/<cycle>")
@signed_in
def nominations_post(code: str, cycle: str) -> Any:
    return _post(_cycle_paper(cycle), code)


@blueprint.get("/don-vi/<code>/de-nghi/<cycle>/xem-truoc")
@signed_in
def nominations_preview(code: str, cycle: str) -> Any:
    return _show_preview(_cycle_paper(cycle), code)


@blueprint.get("/don-vi/<code>/de-nghi/<cycle>/bao-cao.zip")
@signed_in
def nominations_docx(code: str, cycle: str) -> Any:
    return _download_paper(_cycle_paper(cycle), code)


@blueprint.get("/don-vi/<code>/de-nghi/<cycle>/lich-su")
@signed_in
def nominations_history(code: str, cycle: str) -> Any:
    return _history(_cycle_paper(cycle), code)


@blueprint.get("/don-vi/<code>/de-nghi/<cycle>/lich-su/<int:number>")
@signed_in
def nominations_version(code: str, cycle: str, number: int) -> Any:
    return _version(_cycle_paper(cycle), code, number)


@blueprint.post("/don-vi/<code>/de-nghi/<cycle>/lich-su/<int:number>/lay-lai")
@signed_in
def nominations_restore(code: str, cycle: str, number: int) -> Any:
    return _restore(_cycle_paper(cycle), code, number)


@blueprint.post("/don-vi/<code>/de-nghi/<cycle>/xet-duyet")
@agency_only
def nominations_review(code: str, cycle: str) -> Any:
    return _review(_cycle_paper(cycle), code)


# ------------------------------------------------------------------ the agency

@blueprint.get("/ban-thi-dua")
@agency_only
def agency() -> Any:
    """Every unit's submission of one paper (?giay-to=: the plan by default, or a cycle's
    nominations), with its state; filtered by state with ?trang-thai=."""
    every = papers.papers(campaign())
    chosen = request.args.get("giay-to", papers.PLAN_PAPER.form)
    paper = next((p for p in every if p.form == chosen), None)
    if paper is None:
        abort(404)
    subs = store().all_current(paper.form)
    rows = [(u, subs.get(u["code"])) for u in campaign().units_sorted()]
    counts = {state: sum(1 for _, s in rows if _state(s) == state)
              for state in (DRAFT, SENT, RETURNED, APPROVED)}
    wanted = request.args.get("trang-thai", "")
    if wanted in counts:
        rows = [(u, s) for u, s in rows if _state(s) == wanted]
    return render_template("agency.html", rows=rows, counts=counts, wanted=wanted,
                           state_of=_state, paper=paper, papers=every,
                           unit_link=lambda code: url_for(f"web.{paper.endpoint}",
                                                          **paper.args(code)))


def _agency_preview() -> tuple[list[Issue], plans.Preview | None]:
    try:
        return [], plans.agency_preview(campaign())
    except ThiduaError as err:
        return [Issue("campaign.json", "$", str(err))], None


@blueprint.get("/ban-thi-dua/xem-truoc")
@agency_only
def agency_preview() -> Any:
    errors, made = _agency_preview()
    return _preview_page(made, errors, campaign().name, "Kế hoạch của cơ quan",
                         url_for("web.agency"), "agency", "plan")


@blueprint.get("/ban-thi-dua/trang/<digest>/<int:number>.png")
@agency_only
def agency_page(digest: str, number: int) -> Any:
    return _page_image(_agency_preview()[1], digest, number)


@blueprint.get("/ban-thi-dua/ke-hoach.docx")
@agency_only
def agency_docx() -> Any:
    rendered = plans.agency_preview(campaign()).rendered
    return _download(rendered.content, rendered.name)


@blueprint.get("/ban-thi-dua/van-ban.zip")
@agency_only
def agency_documents() -> Any:
    approved = {code: sub.data for code, sub in store().all_current().items()
                if sub.state == APPROVED and code in campaign().units}
    try:
        content = plans.documents_zip(campaign(), approved)
    except ThiduaError as err:
        return render_template("error.html", title="Không soạn được văn bản", text=str(err),
                               code=422), 422
    return _download(content, f"Văn bản {campaign().name}.zip")


# ------------------------------------------------------------------ the agency builds

def _approved() -> dict[str, dict[str, dict[str, Any]]]:
    """Every approved submission: paper form → unit code → data."""
    return {paper.form: {code: sub.data for code, sub in store().all_current(paper.form).items()
                         if sub.state == APPROVED}
            for paper in papers.papers(campaign())}


@blueprint.get("/ban-thi-dua/soan-van-ban")
@agency_only
def publishing() -> Any:
    """What the build would write: the approved data files, and where the documents go."""
    settings = current_app.extensions["thidua"]
    try:
        files = publish.data_files(campaign(), _approved())
    except ThiduaError as err:
        return render_template("error.html", title="Không soạn được văn bản", text=str(err),
                               code=422), 422
    return render_template("publish.html", files=files, out=settings["out"],
                           register=settings["register_shown"],
                           cycles=[p.cycle for p in papers.papers(campaign()) if p.cycle],
                           done=None)


@blueprint.post("/ban-thi-dua/soan-van-ban")
@agency_only
def publish_post() -> Any:
    """Write the approved data into the campaign folder, then (unless only the data was
    asked for) build the campaign's or one cycle's documents with the register."""
    settings = current_app.extensions["thidua"]
    action = request.form.get("_action", "data")
    force = request.form.get("ghi_de") == "1"
    cycle = action.removeprefix("build:") if action.startswith("build:") else None
    if cycle is not None and nominations.cycle_named(campaign(), cycle) is None:
        abort(404)
    try:
        files = publish.data_files(campaign(), _approved())
        written = publish.write_data(files, force)
        built = None
        if action != "data":
            built = publish.build(campaign(), settings["out"], settings["register"], cycle,
                                  force)
    except ThiduaError as err:
        return render_template("error.html", title="Không soạn được văn bản", text=str(err),
                               code=409), 409
    return render_template("publish.html", files=files, out=settings["out"],
                           register=settings["register_shown"],
                           cycles=[p.cycle for p in papers.papers(campaign()) if p.cycle],
                           done={"written": written, "built": built, "cycle": cycle})
