"""What every command module of the CLI shares: the group and command classes that turn errors
into Vietnamese messages and exit codes, the common options, and the reporting of written files.

Only the CLI (this package) imports Click or prints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def build_one(path: Path, output: Path, force: bool, kind: str, pdf: bool,
               register_path: Path | None, sort: str = "input") -> None:
    """Validate, render and write one document (then its PDF when asked)."""
    from ..build import build_file

    require_pdf(pdf)
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
        except OSError as err:      # a folder or file the system refuses, in words
            click.echo(f"Lỗi: {messages.os_error_text(err)}", err=True)
            ctx.exit(1)


ThiduaGroup.group_class = ThiduaGroup


def kind_option(func: Any) -> Any:
    return click.option(
        "--kind", type=LazyChoice(kind_names), default=None,
        help="Loại dữ liệu, khi tệp không có \"$schema\" và không mang tên quen thuộc "
             "(campaign.json, units/*.json).")(func)


def register_option(func: Any) -> Any:
    return click.option(
        "--register", "register_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="THIDUA_REGISTER", default=None, metavar="TỆP.sqlite",
        help="Sổ đăng ký văn bản đi (tệp SQLite): từ chối số, ký hiệu đã cấp cho văn bản khác "
             "trong năm và ghi lại văn bản đã soạn. Mặc định: biến môi trường "
             "THIDUA_REGISTER.")(func)


def output_options(func: Any) -> Any:
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
