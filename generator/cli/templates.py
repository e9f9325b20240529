"""``thidua templates``: export the built-in templates for editing, and check a user's template
against the contract of its document kind."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .common import LazyChoice, ThiduaGroup

CERTIFICATE = "certificate"


def _template_kinds() -> dict[str, Any]:
    """Every kind a template can be written for: the data kinds, and the ballot, which a
    cycle's data (kind ``cycle``) fills and has no data file of its own."""
    from generator.documents import KINDS
    from generator.documents.ballot import BALLOT
    return {**KINDS, BALLOT.name: BALLOT}


# The kind whose data fills a template, where it is not the template's own.
_DATA_KIND = {"ballot": "cycle"}


def _kinds() -> list[str]:
    return [*sorted(_template_kinds()), CERTIFICATE]


@click.group("templates", cls=ThiduaGroup)
def templates_group() -> None:
    """Mẫu Word riêng của cơ quan, đơn vị: xuất mẫu có sẵn để sửa, kiểm tra mẫu đã sửa.

    Mẫu riêng được dùng khi đặt trong thư mục templates/ của thư mục phong trào
    (cả cơ quan), units/<MÃ>/templates/ (riêng một đơn vị), hoặc chỉ ra bằng
    --templates THƯ_MỤC ở các lệnh soạn văn bản. Tên tệp giống mẫu có sẵn;
    mẫu nào không có thì dùng mẫu có sẵn.

    \b
    Ví dụ:
      thidua templates export mau-rieng
      thidua templates check mau-rieng/plan.docx --kind plan
      thidua build samples/vpcp-covid19-2021 -o out --templates mau-rieng
    """


@templates_group.command("export")
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Ghi đè mẫu đã có trong thư mục.")
def export(folder: Path, force: bool) -> None:
    """Chép mọi mẫu có sẵn (cả Bằng khen, Giấy khen) ra thư mục để sửa bằng Word, LibreOffice.

    Chữ «DỰ THẢO» ở đầu trang của dự thảo nằm giữa hai đoạn «{%p if doc.draft %}» và
    «{%p endif %}»: giữ cả hai đoạn đó, văn bản đã ký sẽ không mang chữ này.

    \b
    Ví dụ:
      thidua templates export mau-rieng
    """
    from generator.render.user_templates import export_templates

    for path in export_templates(folder, force):
        click.echo(f"Đã ghi {path}")


@templates_group.command("check")
@click.argument("file", metavar="TỆP.docx", type=click.Path(exists=True, dir_okay=False,
                                                             path_type=Path))
@click.option("--kind", type=LazyChoice(_kinds), default=None,
              help="Loại văn bản của mẫu (mặc định: theo tên tệp, như plan.docx; "
                   "certificate cho Bằng khen, Giấy khen).")
@click.option("--data", "data", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, metavar="TỆP.json",
              help="Tệp dữ liệu mẫu: kiểm tra cả từng trường của phần thidua tự tính (doc.…).")
def check(file: Path, kind: str | None, data: Path | None) -> None:
    """Kiểm tra một mẫu Word riêng: báo MỌI lỗi cùng lúc, mỗi lỗi kèm vị trí.

    Mọi thẻ {{ … }}, {% … %} ở thân, đầu trang, chân trang, bảng: biến và
    trường có trong dữ liệu của loại văn bản không, khối mở/đóng có khớp và
    cùng chỗ không, bộ lọc có không, có dùng điều bị cấm không, thẻ có bị
    tách định dạng không. Mã thoát 0 nếu dùng được (có thể có cảnh báo), 1
    nếu có lỗi.

    \b
    Ví dụ:
      thidua templates check mau-rieng/plan.docx --kind plan
      thidua templates check mau-rieng/decision.docx --data samples/vpcp-covid19-2021/decisions/so-ket-2022.json
    """
    from generator.render.engine import user_env
    from generator.render.user_templates import check_template, load_template

    kind = kind or _kind_of(file)
    template = load_template(file)
    faults = check_template(template.data, _shape(kind, data), user_env(),
                            body_only=kind == CERTIFICATE)
    errors: list[Any] = [f for f in faults if f.severity == "error"]
    for fault in faults:
        click.echo(f"{file}: {fault}")
    if kind == CERTIFICATE:
        from generator.certificates.engine import structure_faults
        for problem in structure_faults(template):
            click.echo(f"{file}: {problem}")
            errors.append(problem)
    if errors:
        click.echo(f"{len(errors)} lỗi, {len(faults) - len(errors)} cảnh báo: mẫu chưa dùng "
                   "được.", err=True)
        sys.exit(1)
    warned = f" ({len(faults)} cảnh báo)" if faults else ""
    click.echo(f"Mẫu {file} dùng được cho loại «{kind}»{warned}.")


def _kind_of(file: Path) -> str:
    from generator.certificates.engine import TEMPLATES

    if file.name in TEMPLATES.values():
        return CERTIFICATE
    for kind in _template_kinds().values():
        if kind.template == file.name:
            return kind.name
    raise click.UsageError(f"Không đoán được loại văn bản của {file.name}: hãy thêm --kind "
                           f"(một trong: {', '.join(_kinds())}).")


def _shape(kind_name: str, data: Path | None) -> Any:
    """What a template of *kind_name* may read: the schema's fields and the names the kind
    derives, with the context built from *data* when given."""
    from generator.render import user_templates as ut

    if kind_name == CERTIFICATE:
        from generator.certificates.engine import CONTEXT_SHAPE
        return CONTEXT_SHAPE
    from datetime import date

    from generator.build import load_source
    from generator.documents import kind_named, placeholder_policy
    from generator.resources import load_schema

    kind = _template_kinds()[kind_name]
    data_kind = kind_named(_DATA_KIND.get(kind_name, kind_name))
    shape = ut.schema_shape(load_schema(data_kind.schema), load_schema)
    shape = ut.merge_shapes(shape, dict.fromkeys(kind.derived, ut.ANY))
    if data is not None:
        with placeholder_policy(None):
            _, source = load_source(data, data_kind)
        context = kind.build_context(source, date.today())
        shape = ut.merge_shapes(ut.shape_of(context), shape)
    return shape


def report_certificate_templates(forms: set[str]) -> None:
    """Say which of one's own templates the certificates of *forms* are printed from."""
    from generator.certificates.engine import certificate_template
    from generator.render.user_templates import TemplateFile

    for form in sorted(forms):
        template = certificate_template(form)
        if isinstance(template, TemplateFile):
            click.echo(f"{form}: in từ mẫu riêng {template.origin}")
