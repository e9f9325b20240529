"""`thidua history`: the award history (sổ theo dõi khen thưởng) kept with the register —
import the agency's existing sổ vàng from Excel, list it, export it to Excel."""

from __future__ import annotations

from pathlib import Path

import click

from .common import REGISTER, ThiduaGroup

SO = click.Path(dir_okay=False, path_type=Path)


@click.group("history", cls=ThiduaGroup)
def history_group() -> None:
    """Sổ theo dõi khen thưởng (sổ vàng) trong sổ đăng ký SQLite: nhập từ Excel, in, xuất.

    Mỗi Quyết định soạn với --register được ghi vào sổ này; Quyết định, Tờ trình sau được
    kiểm tra theo sổ (một thành tích một hình thức, điều kiện đã được khen thưởng trước…).
    Nhập sổ vàng sẵn có của cơ quan để việc kiểm tra đúng ngay từ đầu.

    \b
    Ví dụ:
      thidua history import so-van-ban.sqlite so-vang.xlsx
      thidua history list so-van-ban.sqlite --year 2022
      thidua history export so-van-ban.sqlite -o so-theo-doi.xlsx
    """


@history_group.command("import")
@click.argument("register_path", metavar="SỔ", type=REGISTER)
@click.argument("workbook", metavar="TỆP.xlsx", type=SO)
@click.option("--sheet", default=None, metavar="TÊN_TRANG",
              help="Trang tính chứa sổ vàng (mặc định: trang đầu tiên).")
def history_import(register_path: Path, workbook: Path, sheet: str | None) -> None:
    """Nhập sổ vàng (tệp Excel) vào sổ theo dõi khen thưởng.

    Các cột (tìm dòng tiêu đề trong 15 dòng đầu): Số sổ vàng, Đối tượng (Cá nhân/Tập thể),
    Họ và tên / Tên tập thể, Đơn vị, Hình thức khen thưởng, Thành tích, Số quyết định (ví dụ
    120/QĐ-VPCP), Ngày quyết định. Tệp có lỗi thì không ghi gì; nhập lại cùng tệp thì thay
    các dòng đã nhập trước từ tệp đó.

    \b
    Ví dụ:
      thidua history import so-van-ban.sqlite so-vang.xlsx --sheet "Sổ vàng"
    """
    from generator.store.awards import import_awards

    done = import_awards(workbook, register_path, sheet)
    again = f"; thay {done.replaced} dòng của lần nhập trước" if done.replaced else ""
    click.echo(f"Đã nhập {done.rows} dòng ({done.decisions} quyết định) từ {workbook} vào "
               f"{register_path}{again}")


@history_group.command("list")
@click.argument("register_path", metavar="SỔ", type=REGISTER)
@click.option("--year", type=int, default=None, metavar="NĂM", help="Chỉ in các khen thưởng của năm này.")
def history_list(register_path: Path, year: int | None) -> None:
    """In sổ theo dõi khen thưởng: quyết định, ngày, hình thức, đối tượng, số sổ vàng.

    \b
    Ví dụ:
      thidua history list so-van-ban.sqlite --year 2022
    """
    from generator.errors import OutputError
    from generator.store.awards import history_rows
    from generator.store.history import awards

    if not register_path.is_file():
        raise OutputError(f"Không có sổ đăng ký {register_path} (kiểm tra lại đường dẫn).")
    rows = history_rows(awards(register_path, year))
    click.echo("Số quyết định\tNgày\tHình thức khen thưởng\tĐối tượng\tSố sổ vàng")
    for number, kind, name, unit, form, _, decision, day in rows:
        who = f"{name} ({unit})" if unit else name
        book = f"\t{number}" if number else ""
        click.echo(f"{decision}\t{day}\t{form}\t{kind}: {who}{book}")
    click.echo(f"Tổng cộng: {len(rows)} lượt khen thưởng" + (f" năm {year}" if year else ""))


@history_group.command("export")
@click.argument("register_path", metavar="SỔ", type=REGISTER)
@click.option("--year", type=int, default=None, metavar="NĂM", help="Chỉ xuất một năm.")
@click.option("-o", "--output", "output", required=True, metavar="TỆP.xlsx", type=SO,
              help="Tệp Excel sẽ ghi.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def history_export(register_path: Path, year: int | None, output: Path, force: bool) -> None:
    """Xuất sổ theo dõi khen thưởng ra Excel, cùng các cột mà lệnh import đọc lại.

    \b
    Ví dụ:
      thidua history export so-van-ban.sqlite --year 2022 -o so-theo-doi-2022.xlsx
    """
    from generator.store.awards import export_awards

    count = export_awards(register_path, output, year, force=force)
    click.echo(f"Đã ghi {output} ({count} lượt khen thưởng)")
