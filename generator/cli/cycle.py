"""`thidua cycle …`: the commendation cycle's own steps (generator/cycle.py). The whole cycle
is built by `thidua build` of its folder; these commands show and write its intermediate data."""

from __future__ import annotations

from pathlib import Path

import click

from .common import ThiduaGroup

FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group("cycle", cls=ThiduaGroup)
def cycle_group() -> None:
    """Đợt xét khen thưởng: đề nghị của đơn vị → kiểm phiếu → Quyết định, Tờ trình.

    Thư mục đợt xét có cycle.json (cuộc họp Hội đồng, điểm danh, kết quả kiểm
    phiếu) và nominations/<MÃ>.json (đề nghị của từng đơn vị, kèm báo cáo thành
    tích). «thidua build THƯ_MỤC -o OUT» soạn báo cáo thành tích, phiếu bầu,
    Biên bản, Quyết định, Tờ trình và Bằng khen.

    \b
    Ví dụ:
      thidua cycle results samples/vpcp-covid19-2021/chu-ky-2022
      thidua build samples/vpcp-covid19-2021/chu-ky-2022 -o out
    """


@cycle_group.command("results")
@click.argument("folder", metavar="THƯ_MỤC", type=FOLDER)
@click.option("--force", is_flag=True, help="Ghi đè tệp Quyết định, Tờ trình đã sửa tay.")
def results(folder: Path, force: bool) -> None:
    """Lập Quyết định và Tờ trình (dữ liệu JSON) từ kết quả kiểm phiếu.

    Người đạt tỷ lệ phiếu theo Luật, Nghị định đang có hiệu lực được chia theo
    thẩm quyền: hình thức cơ quan được quyết định vào decisions/, hình thức
    vượt thẩm quyền vào proposals/ (Tờ trình lên cấp trên). Sửa các tệp này
    nếu cần rồi chạy «thidua build».

    \b
    Ví dụ:
      thidua cycle results samples/vpcp-covid19-2021/chu-ky-2022
    """
    from generator.cycle import write_results

    for path, changed in write_results(folder, force):
        click.echo(f"{'Đã ghi' if changed else 'Giữ nguyên'} {path}")


@cycle_group.command("tally")
@click.argument("folder", metavar="THƯ_MỤC", type=FOLDER)
def tally(folder: Path) -> None:
    """In kết quả kiểm phiếu: tỷ lệ, ngưỡng theo điều khoản, đạt hay không, nơi quyết định.

    \b
    Ví dụ:
      thidua cycle tally samples/vpcp-covid19-2021/chu-ky-2022
    """
    from generator.cycle import load_cycle, outcomes
    from generator.vn import authority, council

    for outcome in outcomes(load_cycle(folder)):
        entry, verdict = outcome.nominee.entry, outcome.verdict
        where = ("cơ quan quyết định" if outcome.target is None
                 else f"trình {authority.LEVEL_NAMES[outcome.target]}")
        click.echo(f"{entry['form']} | {entry['name']} | {outcome.result['for']} đồng ý | "
                   f"{council.percent_text(verdict.percent)}% | cần {verdict.threshold.phrase()} "
                   f"({verdict.threshold.source}) | "
                   f"{'Đạt' if verdict.passed else 'Không đạt'}"
                   f"{' | ' + where if verdict.passed else ''}")
