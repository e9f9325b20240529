"""The ``thidua`` command line's Click group and its commands: a thin Click layer over the library.

Every ThiduaError is turned into a message on stderr and an exit code in one place
(:class:`ThiduaGroup`): 0 success, 1 invalid data or a failed build, 2 wrong usage (Click's own).
The command starts in :func:`generator.cli.run`, which answers ``thidua --help`` and ``--version``
without importing this module.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .. import messages
from .common import (
    CONTEXT,
    REGISTER,
    LazyChoice,
    Progress,
    ThiduaGroup,
    build_one,
    certificate_sort_option,
    dry_run,
    dry_run_option,
    kind_named,
    kind_option,
    only_option,
    output_options,
    pdf_option,
    printing_options,
    register_option,
    report_moved,
    report_preview,
    report_published,
    report_written,
    require_pdf,
    schema_choices,
    show_version,
    sort_option,
    templates_option,
    to_pdf,
    write_one,
)


@click.group(cls=ThiduaGroup, context_settings=CONTEXT)
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True,
              callback=show_version, help="Hiện phiên bản rồi thoát.")
def main() -> None:
    """thidua — soạn văn bản phong trào thi đua theo Nghị định 30/2020/NĐ-CP.

    Kiểm tra dữ liệu JSON theo lược đồ rồi điền vào mẫu Word (.docx): Kế hoạch
    triển khai phong trào thi đua và các văn bản đi kèm.

    \b
    Ví dụ:
      thidua build samples/vpcp-covid19-2021 -o out
      thidua validate samples/vpcp-covid19-2021/campaign.json
    """


@main.command()
@click.argument("paths", metavar="TỆP_HOẶC_THƯ_MỤC...", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@kind_option
@click.option("--decision", "decision_file", metavar="TỆP.json", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Tệp JSON thông tin Quyết định mà danh sách .xlsx/.csv thuộc về (như lệnh "
                   "certificates).")
def validate(paths: tuple[Path, ...], kind: str | None, decision_file: Path | None) -> None:
    """Kiểm tra tệp dữ liệu JSON, hoặc cả thư mục phong trào, báo MỌI lỗi của mọi tệp.

    Mỗi lỗi một dòng: TỆP: $.đường.dẫn: nội dung lỗi; lỗi của tệp Kế hoạch mà
    tệp khác dựa vào được in một lần, thụt vào dưới dòng đầu. Mã thoát 0 nếu hợp
    lệ, 1 nếu có lỗi, 2 nếu gọi lệnh sai.

    \b
    Ví dụ:
      thidua validate samples/vpcp-covid19-2021/campaign.json
      thidua validate samples/vpcp-covid19-2021
      thidua validate danh-sach.xlsx --decision bang-khen.json
    """
    from ..build import data_files, validate_files  # deferred: --help stays light

    files = data_files(list(paths))

    from .. import report
    from ..documents import placeholder_policy

    with placeholder_policy("warning"):
        errors, warnings = validate_files(list(files), kind_named(kind) if kind else None,
                                          decision_file)
    if not errors:      # a cycle folder: its nominations and tally checked against each other
        from ..cycle import cycle_errors
        errors = cycle_errors([p for p in paths if p.is_dir()])
    for warning in warnings:
        click.echo(messages.os_words(str(warning)), err=True)
    issues = [issue for err in errors for issue in report.issues_of(err)]
    for line in report.lines(issues):
        click.echo(messages.os_words(line), err=True)
    if errors:
        click.echo(f"{report.summary(issues)} (đã kiểm tra {len(files)} tệp).", err=True)
        sys.exit(1)
    click.echo(f"Hợp lệ: {len(files)} tệp.")


@main.command("excel-template")
@click.argument("kind", metavar="LOẠI",
                type=click.Choice(["decision", "proposal", "unit-plan", "plan", "unit-report",
                                   "nomination"]))
@click.option("-o", "--output", "output", required=True, metavar="TỆP.xlsx",
              type=click.Path(dir_okay=False, path_type=Path), help="Tệp Excel sẽ ghi.")
@click.option("--from", "source", metavar="TỆP.json", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Tệp dữ liệu JSON mà danh sách đi kèm: lấy hình thức khen thưởng, đơn vị "
                   "và danh hiệu của phong trào cho các ô chọn.")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@dry_run_option
def excel_template(kind: str, output: Path, source: Path | None, force: bool) -> None:
    """Ghi tệp Excel mẫu để điền danh sách: khen thưởng, đăng ký thi đua, đơn vị.

    LOẠI: decision, proposal (tập thể, cá nhân của từng hình thức), unit-plan
    (đăng ký thi đua của đơn vị), plan (danh sách đơn vị), unit-report (chỉ tiêu và
    kết quả trong báo cáo sơ kết, tổng kết của đơn vị), nomination (đề nghị khen thưởng
    của đơn vị trong đợt xét). Tệp có tiêu đề cột
    tiếng Việt, ô chọn (hình thức, Tập thể/Cá nhân, Nam/Nữ, đơn vị, danh hiệu),
    dòng tiêu đề cố định và sheet «Hướng dẫn». Điền xong, lưu cạnh tệp JSON,
    cùng tên (so-ket-2022.json và so-ket-2022.xlsx).

    \b
    Ví dụ:
      thidua excel-template decision --from samples/vpcp-covid19-2021/decisions/so-ket-2022.json -o danh-sach-khen.xlsx
    """
    from generator.data.excel import template_choices, template_workbook

    data = campaign = None
    if source is not None:
        from ..build import load_json_lenient
        data = load_json_lenient(source)
        if data and "campaign" in data:
            campaign = load_json_lenient(source.parent / str(data["campaign"]))
    choices = template_choices(kind, data, campaign)
    content = template_workbook(kind, choices["forms"], choices["units"], choices["titles"],
                                stem=source.stem if source else "X",
                                contents=choices["contents"])
    write_one(output, content, force)


@main.command()
@click.argument("name", metavar="TÊN", type=LazyChoice(schema_choices))
def schema(name: str) -> None:
    """In lược đồ JSON (JSON Schema) để trình soạn thảo gợi ý và kiểm tra.

    \b
    Ví dụ:
      thidua schema plan > plan.schema.json
    """
    from ..resources import schema_text
    click.echo(schema_text(name), nl=False)


@main.command()
@click.argument("campaign", metavar="TỆP_KẾ_HOẠCH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option
@output_options
@pdf_option
@templates_option
def plan(campaign: Path, output: Path, force: bool, register_path: Path | None,
         pdf: bool) -> None:
    """Soạn Kế hoạch triển khai phong trào thi đua của cơ quan.

    \b
    Ví dụ:
      thidua plan samples/vpcp-covid19-2021/campaign.json -o out
    """
    build_one(campaign, output, force, "plan", pdf, register_path)


@main.command("unit-plan")
@click.argument("unit_file", metavar="TỆP_ĐƠN_VỊ", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option
@output_options
@pdf_option
@templates_option
def unit_plan(unit_file: Path, output: Path, force: bool, register_path: Path | None,
              pdf: bool) -> None:
    """Soạn Kế hoạch cụ thể của một Vụ, Cục, đơn vị (tệp units/<MÃ>.json).

    Tên phong trào, số và ngày Kế hoạch của cơ quan, nội dung thi đua và các
    nhiệm vụ được giao được lấy từ campaign.json mà tệp trỏ tới.

    \b
    Ví dụ:
      thidua unit-plan samples/vpcp-covid19-2021/units/TCCB.json -o out
    """
    build_one(unit_file, output, force, "unit-plan", pdf, register_path)


@main.command("unit-plans")
@click.argument("campaign", metavar="TỆP_KẾ_HOẠCH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--unit", "units", multiple=True, metavar="MÃ",
              help="Chỉ soạn cho đơn vị này (lặp lại để chọn nhiều đơn vị).")
@output_options
@templates_option
def unit_plans(campaign: Path, units: tuple[str, ...], output: Path, force: bool) -> None:
    """Soạn dự thảo Kế hoạch cho các đơn vị thẳng từ Kế hoạch của cơ quan.

    Không có --unit: soạn cho mọi đơn vị chưa có tệp units/<MÃ>.json riêng.
    Dự thảo để trống số, ngày và chỗ đơn vị tự ghi chỉ tiêu.

    \b
    Ví dụ:
      thidua unit-plans samples/vpcp-covid19-2021/campaign.json -o out --unit TH --unit PL
    """
    from ..unit_drafts import build_unit_drafts

    if dry_run():
        from ..preview import preview_documents
        from ..unit_drafts import draft_unit_plans
        report_preview(preview_documents(draft_unit_plans(campaign, list(units)), output, force))
        return
    published = build_unit_drafts(campaign, output, list(units), force)
    report_published(published)
    if not published.documents:
        click.echo("Mọi đơn vị đã có tệp dữ liệu riêng; không có dự thảo nào cần soạn.")


@main.command("init-unit")
@click.argument("campaign", metavar="TỆP_KẾ_HOẠCH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--unit", "unit", required=True, metavar="MÃ", help="Mã đơn vị, ví dụ TCCB.")
@click.option("-o", "--output", "output", metavar="TỆP",
              type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Tệp sẽ ghi (mặc định: units/<MÃ>.json cạnh campaign.json).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@dry_run_option
def init_unit(campaign: Path, unit: str, output: Path | None, force: bool) -> None:
    """Tạo sẵn tệp dữ liệu Kế hoạch của một đơn vị để đơn vị bổ sung.

    Phần lấy từ Kế hoạch của cơ quan đã được điền; các chỗ đơn vị cần tự ghi
    (chỉ tiêu, đăng ký thi đua, hoạt động, người ký) được đánh dấu trong ngoặc.

    \b
    Ví dụ:
      thidua init-unit samples/vpcp-covid19-2021/campaign.json --unit PL
    """
    from ..unit_drafts import unit_file

    target, content = unit_file(campaign, unit, output)
    write_one(target, content, force)


@main.command()
@click.argument("decision", metavar="TỆP_QUYẾT_ĐỊNH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option
@output_options
@sort_option
@pdf_option
@templates_option
def decision(decision: Path, output: Path, force: bool, register_path: Path | None, sort: str,
             pdf: bool) -> None:
    """Soạn Quyết định khen thưởng kèm danh sách tập thể, cá nhân.

    Số tập thể, cá nhân ở Điều 1 được đếm từ danh sách; căn cứ pháp lý theo
    ngày ký. Hình thức vượt thẩm quyền người ký là lỗi: cần lập Tờ trình.

    \b
    Ví dụ:
      thidua decision samples/vpcp-covid19-2021/decisions/so-ket-2022.json -o out --sort name
    """
    build_one(decision, output, force, "decision", pdf, register_path, sort)


@main.command()
@click.argument("proposal", metavar="TỆP_TỜ_TRÌNH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option
@output_options
@sort_option
@pdf_option
@templates_option
def proposal(proposal: Path, output: Path, force: bool, register_path: Path | None, sort: str,
             pdf: bool) -> None:
    """Soạn Tờ trình đề nghị cấp trên khen thưởng, kèm danh sách.

    \b
    Ví dụ:
      thidua proposal samples/vpcp-covid19-2021/proposals/bang-khen-thu-tuong.json -o out
    """
    build_one(proposal, output, force, "proposal", pdf, register_path, sort)


@main.command()
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(exists=True, file_okay=False, path_type=Path))
@register_option
@output_options
@sort_option
@pdf_option
@click.option("--draft", is_flag=True,
              help="In bản dự thảo dù dữ liệu còn chỗ để trống cần điền, như “(Họ và tên)”.")
@templates_option
@printing_options
def build(folder: Path, output: Path, force: bool, register_path: Path | None, sort: str,
          pdf: bool, draft: bool, merge: bool, blank: bool, shift_right: float,
          shift_down: float, jobs: int, quiet: bool) -> None:
    """Soạn mọi văn bản của một thư mục phong trào.

    campaign.json (Kế hoạch), units/*.json (Kế hoạch của đơn vị),
    decisions/*.json (Quyết định khen thưởng, và Bằng khen, Giấy khen cho mọi
    người được khen trong một thư mục riêng), proposals/*.json (Tờ trình).
    Thư mục đợt xét khen thưởng (cycle.json, nominations/): báo cáo thành tích,
    phiếu bầu, Biên bản họp Hội đồng, Quyết định, Tờ trình (xem thidua cycle).

    Kiểm tra toàn bộ dữ liệu trước; có lỗi thì không ghi tệp nào. --merge,
    --blank, --jobs: Bằng khen, Giấy khen in như lệnh certificates. --pdf chuyển
    mọi tệp đã ghi, Bằng khen, Giấy khen cũng vậy.

    \b
    Ví dụ:
      thidua build samples/vpcp-covid19-2021 -o out
      thidua build samples/vpcp-covid19-2021 -o out --merge --dry-run
    """
    from generator.certificates.engine import Printing

    from ..build import CertificateOptions, build_campaign
    from ..cycle import is_cycle_folder
    from ..cycle_build import cycle_parts
    from ..documents import placeholder_policy

    require_pdf(pdf)
    options = CertificateOptions(merge, jobs, Printing(blank, (shift_right, shift_down)))
    # A commendation cycle (cycle.json + nominations/) renders its own documents; the writing
    # is the campaign's.
    parts = cycle_parts if is_cycle_folder(folder) else None
    if dry_run():
        from ..preview import preview_campaign
        with placeholder_policy("warning" if draft else "error"), \
                Progress("Bằng khen, Giấy khen", quiet) as bar:
            preview = preview_campaign(folder, output, force, sort=sort,
                                       register_path=register_path,
                                       options=CertificateOptions(merge, jobs, options.printing,
                                                                  bar.report), parts=parts)
        report_preview(preview, output if pdf else None, force)
        return
    with placeholder_policy("warning" if draft else "error"), \
            Progress("Bằng khen, Giấy khen", quiet) as bar:
        built = build_campaign(folder, output, force, sort=sort, register_path=register_path,
                               options=CertificateOptions(merge, jobs, options.printing,
                                                          bar.report), parts=parts)
    for note in built.recovered:
        click.echo(note, err=True)
    for item in built.documents:
        report_written(item)
    report_moved(built.moved)
    for batch in built.certificates:
        kept = f", giữ nguyên {len(batch.kept)} tệp đã có" if batch.kept else ""
        if len(batch.names) == len(batch.records):
            click.echo(f"Đã ghi {len(batch.written)} Bằng khen, Giấy khen vào {batch.folder}{kept}")
        else:
            click.echo(f"Đã ghi {len(batch.written)} tệp in gộp ({len(batch.records)} Bằng khen, "
                       f"Giấy khen) vào {batch.folder}{kept}")
    for line in built.uncertified:
        click.echo(f"Không in Bằng khen, Giấy khen (không phải chứng nhận): {line}")
    if built.certificates:
        from ..render.user_templates import templates_from
        from .templates import report_certificate_templates
        with templates_from(folder / "templates", last=True):
            report_certificate_templates({"Bằng khen", "Giấy khen"})
    to_pdf(pdf, built.documents, output, force)
    if pdf:
        for batch in built.certificates:
            _report_pdfs(_certificate_pdfs(batch, force), batch.folder)


@main.command()
@click.argument("source", metavar="DANH_SÁCH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, metavar="THƯ_MỤC",
              type=click.Path(file_okay=False, path_type=Path), help="Thư mục ghi Bằng khen.")
@click.option("--decision", "decision_file", metavar="TỆP.json", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Tệp JSON thông tin Quyết định, khi danh sách là .xlsx/.csv.")
@printing_options
@certificate_sort_option
@only_option
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có mà khác nội dung.")
@dry_run_option
@pdf_option
@templates_option
def certificates(source: Path, output: Path, decision_file: Path | None, merge: bool,
                 jobs: int, quiet: bool, force: bool, blank: bool, shift_right: float,
                 shift_down: float, sort: str, only: tuple[str, ...], pdf: bool) -> None:
    """In Bằng khen, Giấy khen hàng loạt, cho mọi người trong Quyết định hoặc danh sách.

    DANH_SÁCH là tệp Quyết định khen thưởng (.json) hoặc danh sách Excel/CSV (.xlsx,
    .csv, với --decision). Mọi dòng được kiểm tra trước khi ghi. Chạy lại sau khi
    bị ngắt: tệp đã đúng được giữ, chỉ ghi phần còn thiếu (xem manifest.csv).
    In lại vài tờ hỏng: --only (số thứ tự, dòng Excel, đơn vị hoặc họ tên).

    \b
    Ví dụ:
      thidua certificates samples/vpcp-covid19-2021/decisions/so-ket-2022.json -o out --merge --pdf
      thidua certificates danh-sach.xlsx --decision bang-khen.json -o out --jobs 2 --sort name
      thidua certificates so-ket-2022.json -o in-phoi --merge --blank --shift-down 1.5
      thidua certificates so-ket-2022.json -o out --merge --only 7 --only "Nguyễn Văn An"
    """
    from generator.certificates.batch import write_certificates
    from generator.certificates.engine import Printing
    from generator.certificates.selection import select, sort_certificates

    from ..build import CertificateOptions, decision_certificates

    require_pdf(pdf)
    if source.suffix.lower() == ".json":
        records = decision_certificates(source)[1]
    else:
        if decision_file is None:
            raise click.UsageError("Danh sách .xlsx/.csv cần --decision TỆP.json (số, ngày "
                                   "Quyết định, hình thức, người ký).")
        from generator.certificates.records import load_decision, records_from_table
        decision = load_decision(decision_file)
        hidden: list[Any] = []          # sheets not read, said even when the list is refused
        try:
            records = records_from_table(source, decision, warnings=hidden)
        finally:
            for warning in hidden:
                click.echo(str(warning), err=True)
    if not records:
        raise click.UsageError(f"{source}: Quyết định không có Bằng khen, Giấy khen nào để in.")
    records = sort_certificates(records, sort)
    chosen = select(records, only) if only else None
    printing = Printing(blank, (shift_right, shift_down))
    if dry_run():
        from ..preview import Preview, preview_certificates
        with Progress("Bằng khen", quiet) as bar:
            batch = preview_certificates(records, output, force,
                                         CertificateOptions(merge, jobs, printing, bar.report),
                                         chosen)
        report_preview(Preview(batches=[batch]), output if pdf else None, force)
        return
    with Progress("Bằng khen", quiet) as bar:
        result = write_certificates(records, output, merge=merge, jobs=jobs, force=force,
                                    progress=bar.report, printing=printing, only=chosen)
    for note in result.recovered:
        click.echo(note, err=True)
    click.echo(f"Đã ghi {len(result.written)} tệp, giữ nguyên {len(result.kept)} tệp đã có; "
               f"danh sách tệp: {result.manifest}")
    from .templates import report_certificate_templates
    report_certificate_templates({record.decision.form for record in records})
    report_moved(result.moved)
    if pdf:
        _report_pdfs(_certificate_pdfs(result, force), output)


def _report_pdfs(pdfs: Any, folder: Path) -> None:
    if len(pdfs.files) == 1:
        click.echo(f"{'Đã ghi' if pdfs.written else 'Giữ nguyên (đã có)'} {pdfs.files[0]}")
    else:       # a batch of thousands: one line, not one per file
        click.echo(f"PDF: đã ghi {len(pdfs.written)} tệp, giữ nguyên "
                   f"{len(pdfs.files) - len(pdfs.written)} tệp đã có, trong {folder}")


def _certificate_pdfs(result: Any, force: bool) -> Any:
    """One PDF per certificate file of a batch, beside it. Several separate certificates are
    converted through their print file (once, then cut page by page: a fifth of the cost of
    converting each file)."""
    from generator.render.pdf import Page, convert_to_pdf, split_print_files
    output, records = result.folder, result.records
    if len(result.files) < 2:       # a print file, or a single certificate
        return convert_to_pdf(result.files, output, force=force, resume=True)
    import tempfile

    from generator.certificates.batch import write_certificates
    with tempfile.TemporaryDirectory(prefix="thidua-in-") as folder:
        printed = write_certificates(records, Path(folder), merge=True, printing=result.printing)
        files = {d: i for i, d in enumerate(dict.fromkeys(r.decision for r in records))}
        done = [0] * len(files)
        pages = []
        for record, path in zip(records, result.files, strict=True):
            done[files[record.decision]] += 1
            pages.append(Page(files[record.decision], done[files[record.decision]],
                              output / f"{path.stem}.pdf", record.recipient))
        return split_print_files(printed.files, pages, result.files, force=force, resume=True)


@main.command()
@click.argument("files", metavar="TỆP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Dạng kết quả: văn bản (text) hoặc JSON cho công cụ khác.")
@click.option("--pages", is_flag=True,
              help="Dàn trang bằng LibreOffice để kiểm tra cả khối chữ ký bị tách sang trang "
                   "riêng (bỏ qua, có báo, nếu không có LibreOffice).")
def check(files: tuple[Path, ...], fmt: str, pages: bool) -> None:
    """Kiểm tra thể thức tệp .docx theo Nghị định 30/2020/NĐ-CP.

    Mỗi lỗi một dòng: mã quy tắc, mức độ, vị trí, điều cần và điều thấy.
    Mã thoát 0 nếu không có lỗi (chỉ có cảnh báo), 1 nếu có lỗi, 2 nếu có tệp
    không đọc được (.doc, PDF, tệp hỏng, có mật khẩu).

    \b
    Ví dụ:
      thidua check "out/Kế hoạch 15-KH-VPCP.docx"
      thidua check out/*.docx --format json
      thidua check out/*.docx --pages
    """
    from generator.check.run import check_files, exit_code, format_json, format_text

    reports = check_files(list(files))
    if pages:
        from generator.check.pages import with_pages

        reports, skipped = with_pages(reports)
        if skipped:
            click.echo(skipped, err=True)
    click.echo(format_json(reports) if fmt == "json" else format_text(reports))
    sys.exit(exit_code(reports))


@main.group("register")
def register_group() -> None:
    """Sổ đăng ký văn bản đi (Nghị định 30/2020, Điều 15 và Phụ lục IV), tệp SQLite.

    SỔ là tệp SQLite hoặc địa chỉ PostgreSQL dùng chung (postgresql://…).

    \b
    Ví dụ:
      thidua build samples/vpcp-covid19-2021 -o out --register so-van-ban.sqlite
      thidua register list so-van-ban.sqlite --year 2022
      thidua register next so-van-ban.sqlite --agency VPCP --year 2022
    """


@register_group.command("list")
@click.argument("path", metavar="SỔ", type=REGISTER)
@click.option("--year", type=int, default=None, metavar="NĂM", help="Chỉ in các văn bản của năm này.")
def register_list(path: Path, year: int | None) -> None:
    """In sổ đăng ký: số, ký hiệu; ngày; tên loại và trích yếu; người ký.

    \b
    Ví dụ:
      thidua register list so-van-ban.sqlite --year 2022
    """
    from generator.store.export import format_date
    from generator.store.register import entries

    listed = entries(path, year)        # a path with no register is refused before any line
    click.echo("Số, ký hiệu\tNgày tháng\tTên loại và trích yếu\tNgười ký")
    for entry in listed:
        click.echo(f"{entry.label}\t{format_date(entry.date) or '(chưa có ngày)'}\t"
                   f"{entry.type}: {entry.summary}\t{entry.signer}")


@register_group.command("export")
@click.argument("path", metavar="SỔ", type=REGISTER)
@click.option("--year", type=int, required=True, metavar="NĂM", help="Năm của sổ.")
@click.option("--agency", required=True, metavar="TÊN_CƠ_QUAN",
              help="Tên cơ quan giữ sổ, ví dụ \"Văn phòng Chính phủ\".")
@click.option("--parent", default="", metavar="CƠ_QUAN_CHỦ_QUẢN",
              help="Tên cơ quan chủ quản trực tiếp (dòng đầu của bìa sổ), nếu có.")
@click.option("-o", "--output", "output", required=True, metavar="TỆP.xlsx|TỆP.docx",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp sẽ ghi: Excel (.xlsx) hoặc Word (.docx, khổ A4 ngang, để in).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@dry_run_option
def register_export(path: Path, year: int, agency: str, parent: str, output: Path,
                    force: bool) -> None:
    """Xuất sổ đăng ký văn bản đi của một năm ra Excel hoặc Word, theo mẫu Phụ lục IV.

    Mười cột của Mẫu sổ đăng ký văn bản đi (Nghị định 30/2020/NĐ-CP, Phụ lục IV,
    Mục I): thidua điền số, ký hiệu; ngày tháng; tên loại và trích yếu; người ký.
    Các cột nơi nhận, bản lưu, số lượng bản, ngày chuyển, ký nhận để văn thư ghi.

    \b
    Ví dụ:
      thidua register export so-van-ban.sqlite --year 2022 --agency "Văn phòng Chính phủ" -o so-2022.xlsx
      thidua register export so-van-ban.sqlite --year 2022 --agency "Văn phòng Chính phủ" -o so-2022.docx
    """
    from generator.register_export import register_file

    content, count = register_file(path, output, agency, year, parent=parent)
    write_one(output, content, force, f" ({count} văn bản năm {year})")


@register_group.command("next")
@click.argument("path", metavar="SỔ", type=REGISTER)
@click.option("--agency", required=True, metavar="CHỮ_VIẾT_TẮT", help="Chữ viết tắt cơ quan, ví dụ VPCP.")
@click.option("--year", type=int, required=True, metavar="NĂM", help="Năm ban hành.")
@click.option("--symbol", default=None, metavar="KÝ_HIỆU",
              help="Chỉ tính theo một ký hiệu (ví dụ QĐ-VPCP) khi cơ quan đánh số riêng từng loại.")
def register_next(path: Path, agency: str, year: int, symbol: str | None) -> None:
    """In số tiếp theo còn trống trong năm (số đánh từ 01 ngày 01 tháng 01).

    \b
    Ví dụ:
      thidua register next so-van-ban.sqlite --agency VPCP --year 2022
    """
    from generator.store.register import next_number

    click.echo(f"{next_number(path, agency, year, symbol):02d}")


# Command families in their own modules, registered after the group exists.
from .cycle import cycle_group
from .history import history_group
from .report import report as report_command
from .serve import serve

main.add_command(report_command)
main.add_command(history_group)
main.add_command(serve)
main.add_command(cycle_group)

from .templates import templates_group

main.add_command(templates_group)
