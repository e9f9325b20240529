"""What every command module of the CLI shares: the group and command classes that turn errors
into Vietnamese messages and exit codes, the common options, and the reporting of written files.

Only the CLI (this package) imports Click or prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

import click

from .. import messages
from ..errors import ThiduaError, ValidationFailed

# Click's own texts (usage, help, usage errors, "Aborted!") in Vietnamese: its modules look up
# their gettext functions when a message is made, so replacing them here covers every command.
for _module in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
    _click_module = sys.modules.get(f"click.{_module}")
    if _click_module is not None:
        if hasattr(_click_module, "_"):
            _click_module._ = messages.gettext  # type: ignore[attr-defined]
        if hasattr(_click_module, "ngettext"):
            _click_module.ngettext = messages.ngettext  # type: ignore[attr-defined]

# Start-up: `thidua --help` and `--version` import Click and nothing heavy. The document kinds,
# the schemas' names and the version are read when a command needs them.

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyChoice(click.Choice):
    """A Choice whose values are read when first needed, not when the CLI is imported."""

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        self._values = values
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return self._values()

    @choices.setter
    def choices(self, _value: Sequence[str]) -> None:
        pass


def kind_names() -> list[str]:
    from generator.documents import KINDS
    return sorted(KINDS)


def schema_choices() -> list[str]:
    from ..resources import schema_names
    return list(schema_names())


def kind_named(name: str) -> Any:
    from generator.documents import kind_named as named
    return named(name)


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from generator import __version__
        click.echo(f"thidua {__version__}")
        ctx.exit()


def report_error(err: ThiduaError) -> None:
    if isinstance(err, ValidationFailed):
        from .. import report
        for line in report.lines(err.issues):
            click.echo(messages.os_words(line), err=True)
        click.echo(f"{report.summary(err.issues)}; chưa ghi tệp nào.", err=True)
    else:
        click.echo(f"Lỗi: {messages.os_words(str(err))}", err=True)


def report_written(written: Any) -> None:
    """Report one written document and the warnings its data raised."""
    for warning in written.warnings:
        click.echo(str(warning), err=True)
    template = getattr(written, "template", "")
    made = f" (mẫu riêng: {template})" if template else ""
    if written.kept:
        click.echo(f"Giữ nguyên {written.path} (đã có, đúng nội dung){made}")
    else:
        click.echo(f"Đã ghi {written.path}{made}")
    extras = getattr(written, "extras", ())
    if extras:      # a report's charts and figures, written (or kept) with it
        click.echo(f"  kèm theo: {', '.join(path.name for path in extras)}")


def report_published(published: Any) -> None:
    """Report a run: interrupted runs it settled, its documents, what it moved out."""
    for note in published.recovered:
        click.echo(note, err=True)
    for item in published.documents:
        report_written(item)
    report_moved(published.moved)


def report_moved(moved: Any) -> None:
    """One line for the earlier versions a run took out of its folders."""
    if moved:
        folders = sorted({str(path.parent) for path in moved})
        click.echo(f"Đã chuyển {len(moved)} tệp cũ (đã được thay hoặc không còn trong dữ liệu) "
                   f"vào {', '.join(folders)}")


def pdf_option(func: Any) -> Any:
    return click.option("--pdf", is_flag=True,
                        help="Chuyển thêm sang PDF bằng LibreOffice (một lần chạy cho cả lô).")(func)


def require_pdf(pdf: bool) -> None:
    """Fail before writing anything when --pdf is asked for and LibreOffice is missing."""
    if pdf:
        from generator.render.pdf import find_soffice
        find_soffice()


def to_pdf(pdf: bool, written: list[Any], output: Path, force: bool) -> None:
    if pdf and written:
        from generator.render.pdf import convert_to_pdf
        for path in convert_to_pdf([w.path for w in written], output, force=force).files:
            click.echo(f"Đã ghi {path}")


def settle_imports() -> None:
    """Exempt what is loaded so far (modules, their functions and tables: objects that live
    as long as the process) from the garbage collector's scans. A long list then allocates
    tens of thousands of dicts and strings, and each full collection would walk the imported
    objects again (about 30 ms of a 10,000-row decision). Called by a command, never by the
    library: a process that imports thidua decides its own collector's work."""
    import gc

    gc.freeze()


def build_one(path: Path, output: Path, force: bool, kind: str, pdf: bool,
               register_path: Path | None, sort: str = "input") -> None:
    """Validate, render and write one document (then its PDF when asked)."""
    from ..build import build_file

    settle_imports()
    require_pdf(pdf)
    if dry_run():
        from ..preview import preview_file
        report_preview(preview_file(path, output, force, kind_named(kind), sort=sort,
                                    register_path=register_path), output if pdf else None, force)
        return
    published = build_file(path, output, force, kind_named(kind), sort=sort,
                           register_path=register_path)
    report_published(published)
    to_pdf(pdf, published.documents, output, force)


def sort_option(func: Any) -> Any:
    return click.option(
        "--sort", type=click.Choice(["input", "unit", "name"]), default="input", show_default=True,
        help="Thứ tự danh sách kèm theo: như dữ liệu (input), nhóm theo đơn vị (unit), hoặc "
             "theo tên (name: tên, tên đệm, họ; thứ tự chữ cái tiếng Việt).")(func)


class ThiduaCommand(click.Command):
    """A command whose usage line is Vietnamese too ("[TÙY CHỌN]" for Click's "[OPTIONS]")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class ThiduaGroup(click.Group):
    """A Click group that turns library errors, and the operating system's, into Vietnamese
    messages and exit codes."""

    command_class = ThiduaCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ThiduaError as err:
            report_error(err)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            quiet_broken_pipe()
        except OSError as err:      # a folder or file the system refuses, in words
            click.echo(f"Lỗi: {messages.os_error_text(err)}", err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise                   # Click's own: usage errors, --help, Ctrl+C at a prompt
        except MemoryError:
            click.echo("Lỗi: máy không đủ bộ nhớ cho lệnh này. Hãy đóng bớt chương trình khác, "
                       "hoặc chia nhỏ danh sách rồi chạy lại.", err=True)
            ctx.exit(1)
        except Exception as err:    # a bug of thidua's: the clerk gets words, the file the rest
            if os.environ.get(DEBUG) == "1":
                raise
            report_bug(err)
            ctx.exit(BUG_EXIT)


ThiduaGroup.group_class = ThiduaGroup

# A bug (an exception no rule of thidua's raises) exits with sysexits.h's EX_SOFTWARE; its
# traceback goes to a file, or to the terminal with THIDUA_DEBUG=1 (a developer's run).
BUG_EXIT = 70
DEBUG = "THIDUA_DEBUG"


def report_bug(err: Exception) -> None:
    """Say in Vietnamese that thidua itself failed, and keep the traceback in a file that the
    clerk can send to whoever maintains it."""
    import tempfile
    import traceback
    from datetime import datetime

    name = f"thidua-loi-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    path = Path(tempfile.gettempdir()) / name
    try:
        path.write_text(f"thidua {' '.join(sys.argv[1:])}\n\n"
                        + "".join(traceback.format_exception(err)), encoding="utf-8")
        where = f"Chi tiết đã ghi vào {path}: hãy gửi tệp này cho người bảo trì thidua."
    except OSError as write_error:
        where = f"Không ghi được chi tiết: {messages.os_error_text(write_error)}."
    click.echo(f"Lỗi của chương trình thidua, không phải của dữ liệu ({type(err).__name__}). "
               f"{where}", err=True)

# What a Unix tool returns when the reader of its output has gone (128 + SIGPIPE).
BROKEN_PIPE_EXIT = 141


def quiet_broken_pipe() -> None:
    """The program reading our output stopped (``thidua register list … | head -1``): stop
    without a word, as other command-line tools do, and point stdout at /dev/null so that
    Python's last flush at exit does not complain in English (Python docs, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):      # stdout without a descriptor (a test runner's buffer)
        pass
    sys.exit(BROKEN_PIPE_EXIT)


def kind_option(func: Any) -> Any:
    return click.option(
        "--kind", type=LazyChoice(kind_names), default=None,
        help="Loại dữ liệu, khi tệp không có \"$schema\" và không mang tên quen thuộc "
             "(campaign.json, units/*.json).")(func)


class RegisterTarget(click.ParamType):
    """A register: a postgresql:// (or postgres://) URL stays text, anything else is the path
    of a SQLite file (generator.store.backend.parse_target)."""

    name = "register"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from generator.store.backend import parse_target

        if isinstance(value, Path):
            return value
        if isinstance(value, str) and value.strip() == "":
            self.fail("địa chỉ sổ đăng ký để trống", param, ctx)
        return parse_target(value)


REGISTER = RegisterTarget()


class Shift(click.ParamType):
    """A printer's shift in millimetres: a finite number within a sheet's size (A4 is 297 mm
    long; a shift beyond the template's margins is refused later, in the template's terms)."""

    name = "mm"
    LIMIT = 300.0

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        import math

        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"«{value}» không phải một số milimét (ví dụ 1.5 hoặc -2)", param, ctx)
        if not math.isfinite(number) or abs(number) > self.LIMIT:
            self.fail(f"«{value}» mm: chỉ dịch được trong khoảng ±{self.LIMIT:g} mm", param, ctx)
        return number


SHIFT = Shift()


def register_option(func: Any) -> Any:
    return click.option(
        "--register", "register_path", type=REGISTER,
        envvar="THIDUA_REGISTER", default=None, metavar="TỆP.sqlite|postgresql://…",
        help="Sổ đăng ký văn bản đi (tệp SQLite, hoặc cơ sở dữ liệu PostgreSQL dùng chung: "
             "postgresql://người_dùng:mật_khẩu@máy:5432/tên): từ chối số, ký hiệu đã cấp cho "
             "văn bản khác trong năm và ghi lại văn bản đã soạn. Mặc định: biến môi trường "
             "THIDUA_REGISTER.")(func)


def output_options(func: Any) -> Any:
    func = dry_run_option(func)
    func = click.option("--force", is_flag=True,
                        help="Ghi đè văn bản đã có (mặc định: không bao giờ ghi đè).")(func)
    return click.option("-o", "--output", "output", required=True, metavar="THƯ_MỤC",
                        type=click.Path(file_okay=False, path_type=Path),
                        help="Thư mục ghi văn bản.")(func)


def templates_option(func: Any) -> Any:
    """--templates DIR: the run's own templates (files named like the built-ins, as
    `thidua templates export` writes them) take the place of the built-ins."""
    def use(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None and not ctx.resilient_parsing:
            from generator.render.user_templates import templates_from
            ctx.with_resource(templates_from(value))

    return click.option(
        "--templates", "templates", type=click.Path(exists=True, file_okay=False,
                                                    path_type=Path),
        default=None, metavar="THƯ_MỤC", expose_value=False, callback=use,
        help="Thư mục mẫu Word riêng (tên tệp như mẫu có sẵn: plan.docx, decision.docx, "
             "bang_khen.docx…; xem «thidua templates export»). Mẫu nào không có trong thư mục "
             "thì dùng mẫu có sẵn.")(func)
# ---------------------------------------------------------------------------- dry runs

DRY_RUN = "thidua.dry_run"      # ctx.meta key: set by --dry-run on the command being run


def _remember_dry_run(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta[DRY_RUN] = value


def dry_run_option(func: Any) -> Any:
    """--dry-run. It is kept in the context (see :func:`dry_run`), not passed to the command,
    so that every writing command gets it with output_options alone."""
    return click.option(
        "--dry-run", is_flag=True, expose_value=False, callback=_remember_dry_run,
        help="Chạy thử: kiểm tra dữ liệu, soạn trong bộ nhớ và in những gì sẽ ghi, thay, giữ "
             "nguyên hoặc bị từ chối, số sẽ vào sổ đăng ký; không ghi tệp nào, sổ không "
             "đổi.")(func)


def dry_run() -> bool:
    """Whether the command being run was given --dry-run."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(DRY_RUN))


_ACTIONS = {
    "write": "Sẽ ghi mới",
    "replace": "Sẽ thay (bản cũ chuyển vào «đã thay thế»)",
    "keep": "Giữ nguyên (đã có, đúng nội dung)",
    "refuse": "Sẽ bị từ chối (tệp không do thidua ghi hoặc đã bị sửa; cần --force)",
}
_COUNTS = {"write": "ghi mới", "replace": "thay bản cũ", "keep": "giữ nguyên",
           "refuse": "bị từ chối"}


def report_preview(preview: Any, pdf_dir: Path | None = None, force: bool = False) -> None:
    """Print a dry run (generator.preview.Preview); exit 1 when the run would be refused.
    *pdf_dir*: the run was given --pdf, and writes its documents' PDFs there."""
    from generator.vn.formats import amount_digits

    click.echo("Chạy thử (--dry-run): không ghi tệp nào, sổ đăng ký không đổi.")
    for path, action in preview.documents:
        click.echo(f"{_ACTIONS[action]}: {path}")
    for batch in preview.batches:
        counts = ", ".join(f"{words} {batch.actions[a]} tệp" for a, words in _COUNTS.items()
                           if batch.actions[a])
        click.echo(f"Bằng khen, Giấy khen: {batch.count} vào {batch.folder} ({counts})")
        click.echo("  theo hình thức: " + "; ".join(f"{form}: {n}"
                                                    for form, n in batch.forms.items()))
        click.echo("  theo đơn vị: " + "; ".join(f"{unit}: {n}"
                                                 for unit, n in batch.units.items()))
        for path in batch.refused[:5]:
            click.echo(f"  {_ACTIONS['refuse']}: {path}")
        if len(batch.refused) > 5:
            click.echo(f"  … và {len(batch.refused) - 5} tệp khác bị từ chối")
    for line in preview.uncertified:
        click.echo(f"Không in Bằng khen, Giấy khen (không phải chứng nhận): {line}")
    for path in preview.stale:
        click.echo(f"Sẽ chuyển vào «đã thay thế» (dữ liệu không còn tạo ra): {path}")
    if preview.entries:
        click.echo("Số sẽ ghi vào sổ đăng ký: " + ", ".join(e.label for e in preview.entries))
    for name, total, unstated in preview.prizes:
        amounts = [f"{amount_digits(total)} đồng"] if total or not unstated else []
        amounts += [f"theo quy định hiện hành ({', '.join(unstated)})"] if unstated else []
        click.echo(f"Tiền thưởng của {name}: {'; '.join(amounts)}")
    if len(preview.prizes) > 1:
        total = sum(t for _, t, _ in preview.prizes)
        click.echo(f"Tổng tiền thưởng ghi rõ số tiền: {amount_digits(total)} đồng")
    pdf_refused = _report_pdf_preview(preview, pdf_dir, force) if pdf_dir is not None else []
    if pdf_refused:
        click.echo(f"Lỗi: lệnh thật sẽ dừng khi chuyển sang PDF vì đã có "
                   f"{', '.join(map(str, pdf_refused))}. Dùng --force nếu muốn ghi đè.", err=True)
        sys.exit(1)
    if preview.refused:
        click.echo(f"Lỗi: lệnh thật sẽ bị từ chối vì {len(preview.refused)} tệp đã có không do "
                   "thidua ghi (hoặc đã bị sửa). Dùng --force nếu muốn thay (bản cũ được giữ "
                   "trong «đã thay thế»).", err=True)
        sys.exit(1)


def _report_pdf_preview(preview: Any, pdf_dir: Path, force: bool) -> list[Path]:
    """The PDFs --pdf would write (as to_pdf and the certificates' conversion name them); the
    documents' PDFs that exist and would stop the run without --force."""
    refused = []
    for path, _action in preview.documents:
        target = pdf_dir / f"{Path(path).stem}.pdf"
        if target.exists() and not force:
            refused.append(target)
        else:
            click.echo(f"{'Sẽ ghi đè (--force)' if target.exists() else 'Sẽ ghi mới'}: {target}")
    for batch in preview.batches:
        # beside the certificates; a PDF newer than its .docx is kept (a resumed batch)
        click.echo(f"PDF của Bằng khen, Giấy khen: {sum(batch.actions.values())} tệp vào "
                   f"{batch.folder}")
    return refused


def write_one(target: Path, content: bytes, force: bool, note: str = "") -> None:
    """Write one file a command made in memory (a workbook, a unit's data, an exported sổ);
    with --dry-run, say what would happen to *target* instead and write nothing."""
    from generator.render.output import write_atomic

    if not dry_run():
        click.echo(f"Đã ghi {write_atomic(target, content, force)}{note}")
        return
    click.echo("Chạy thử (--dry-run): không ghi tệp nào.")
    if target.exists() and not force:
        click.echo(f"Lỗi: lệnh thật sẽ bị từ chối vì đã có {target}. Dùng --force nếu muốn "
                   "ghi đè.", err=True)
        sys.exit(1)
    action = "Sẽ ghi đè (--force)" if target.exists() else "Sẽ ghi mới"
    click.echo(f"{action}: {target}{note}")


# ---------------------------------------------------------------------------- certificates

def printing_options(func: Any) -> Any:
    """How certificates are printed: the options `certificates` and `build` share."""
    for option in reversed((
        click.option("--merge", is_flag=True,
                     help="Ghi một tệp in gộp cho mỗi Quyết định, mỗi Bằng khen một trang "
                          "(tên tệp có «(in gộp)»)."),
        click.option("--blank", is_flag=True,
                     help="In lên phôi in sẵn (khung, Quốc hiệu, Tiêu ngữ, cơ quan tặng, “TẶNG”, "
                          "tên hình thức đã có trên phôi): chỉ in phần riêng của từng người, "
                          "đúng chỗ như bản đầy đủ; tên tệp có «phôi», không trùng bản đầy đủ."),
        click.option("--shift-right", type=SHIFT, default=0.0, metavar="MM",
                     help="Dịch toàn bộ nội dung sang phải (mm; số âm: sang trái) cho khớp "
                          "máy in."),
        click.option("--shift-down", type=SHIFT, default=0.0, metavar="MM",
                     help="Dịch toàn bộ nội dung xuống dưới (mm; số âm: lên trên) cho khớp "
                          "máy in."),
        click.option("--jobs", type=click.IntRange(1, 64), metavar="SỐ", default=1,
                     show_default=True,
                     help="Số tiến trình chạy song song (khi ghi từng tệp riêng)."),
        click.option("--quiet", "-q", is_flag=True, help="Không hiện thanh tiến độ."),
    )):
        func = option(func)
    return func


def certificate_sort_option(func: Any) -> Any:
    return click.option(
        "--sort", type=click.Choice(["input", "unit", "name"]), default="input",
        show_default=True,
        help="Thứ tự in, như danh sách kèm Quyết định: như dữ liệu (input), nhóm theo đơn vị "
             "(unit), hoặc theo tên (name: tên, tên đệm, họ; thứ tự chữ cái tiếng Việt); tập "
             "thể trước, cá nhân sau.")(func)


def only_option(func: Any) -> Any:
    return click.option(
        "--only", "only", multiple=True, metavar="CHỌN",
        help="Chỉ in lại một số Bằng khen (lặp lại để chọn thêm): số thứ tự in (7, 3-5, "
             "2,9 — trang của tệp in gộp, cột STT của manifest.csv), dòng của danh sách Excel "
             "(«dòng 12», «Sheet1!dòng 4-6»), đơn vị («đơn vị: Vụ Tổng hợp») hoặc họ tên. "
             "Với --merge, tệp in lại mang tên «(in lại)», không thay tệp in gộp.")(func)


class Progress:
    """A progress bar on stderr with the count and the time left ('Bằng khen [###---]
    120/2000  còn 00:00:14'), shown only on a terminal and unless *quiet*. It opens at the
    first report, when the batch has told its total; :meth:`report` is a batch's progress
    callback. Use it as a context manager."""

    def __init__(self, label: str, quiet: bool = False, file: Any = None) -> None:
        self.label, self.quiet = label, quiet
        self.file = file if file is not None else sys.stderr
        self.bar: Any = None

    def report(self, done: int, total: int) -> None:
        if self.bar is None:
            show = not self.quiet and self.file.isatty()
            self.bar = click.progressbar(length=max(total, 1), label=self.label, file=self.file,
                                         hidden=not show, show_pos=True, show_percent=False,
                                         show_eta=False, item_show_func=self._time_left)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def _time_left(self, _item: object) -> str | None:
        if self.bar is None or self.bar.finished or not self.bar.eta_known:
            return None
        return f"còn {self.bar.format_eta()}"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
