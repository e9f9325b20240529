"""`thidua report`: the Báo cáo sơ kết / tổng kết of a movement on its own (``thidua build``
writes it with the rest of the campaign)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    ThiduaCommand,
    build_one,
    output_options,
    pdf_option,
    register_option,
    templates_option,
)


@click.command("report", cls=ThiduaCommand)
@click.argument("report_file", metavar="TỆP_BÁO_CÁO",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option
@output_options
@pdf_option
@templates_option
def report(report_file: Path, output: Path, force: bool, register_path: Path | None,
           pdf: bool) -> None:
    """Soạn Báo cáo sơ kết, tổng kết phong trào (tệp reports/*.json).

    Kết quả từng nội dung thi đua lấy từ báo cáo của các đơn vị (unit-reports/),
    số liệu khen thưởng tự đếm từ các Quyết định kê trong tệp. Kèm theo: biểu đồ
    (PNG, SVG) và tệp Excel số liệu, ghi cạnh văn bản.

    \b
    Ví dụ:
      thidua report samples/vpcp-covid19-2021/reports/so-ket-2022.json -o out
    """
    build_one(report_file, output, force, "report", pdf, register_path)
