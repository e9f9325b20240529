"""`thidua serve`: the web app on waitress, and the secrets units sign in with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import ThiduaCommand, register_option

if TYPE_CHECKING:
    from generator.store.backend import Target

DEFAULT_DB = "thidua-web.sqlite"
# The agency's account code, generator.store.submissions.AGENCY (a test keeps them equal): not
# imported here, so that `thidua --help` loads neither sqlite3 nor the store.
AGENCY = "ban-thi-dua"


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve", cls=ThiduaCommand)
@click.argument("campaign_dir", metavar="THƯ_MỤC_PHONG_TRÀO",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ĐỊA_CHỈ",
              help="Địa chỉ lắng nghe. Mặc định chỉ máy này; địa chỉ khác (ví dụ 0.0.0.0) mở "
                   "cho cả mạng, hãy dùng sau tường lửa hoặc HTTPS.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              metavar="CỔNG", help="Cổng lắng nghe.")
@click.option("--db", "db", default=None, metavar="TỆP_HOẶC_URL",
              help=f"Kho dữ liệu các bản Kế hoạch và tài khoản: một tệp SQLite hoặc một địa chỉ "
                   "postgresql://người_dùng:mật_khẩu@máy/cơ_sở_dữ_liệu (có thể là cơ sở dữ liệu "
                   f"của sổ đăng ký). Mặc định: {DEFAULT_DB} trong thư mục phong trào.")
@click.option("--trusted-host", "trusted", multiple=True, metavar="TÊN_MÁY",
              help="Tên máy hoặc địa chỉ người dùng gõ để vào (khi dùng --host); có thể lặp.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), metavar="SỐ",
              help="Số luồng phục vụ cùng lúc.")
@click.option("--issue-secret", "issue", multiple=True, metavar="MÃ",
              help=f"Cấp (hoặc cấp lại) mã bí mật cho đơn vị MÃ, hoặc «{AGENCY}» cho Ban Thi "
                   "đua, in ra rồi thoát (không chạy máy chủ); mã cũ hết hiệu lực. Có thể lặp.")
@click.option("-o", "--output", "out", default=None, metavar="THƯ_MỤC",
              type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục Ban Thi đua soạn văn bản vào. Mặc định: van-ban trong thư mục "
                   "phong trào.")
@register_option
def serve(campaign_dir: Path, host: str, port: int, db: str | None, trusted: tuple[str, ...],
          threads: int, issue: tuple[str, ...], out: Path | None,
          register_path: Target | None) -> None:
    """Trang web: đơn vị gửi Kế hoạch và đề nghị khen thưởng.

    Ban Thi đua xem, trả lại hoặc duyệt từng bản, rồi soạn văn bản từ các bản đã duyệt.

    Đơn vị đăng nhập bằng mã đơn vị và mã bí mật do Ban Thi đua cấp bằng
    --issue-secret. Văn bản Ban Thi đua soạn từ các bản đã duyệt được ghi vào
    --output và vào sổ đăng ký (--register; mặc định: chính kho --db). Dừng
    bằng Ctrl+C.

    \b
    Ví dụ:
      thidua serve samples/vpcp-covid19-2021 --issue-secret TCCB --issue-secret ban-thi-dua
      thidua serve samples/vpcp-covid19-2021
      thidua serve samples/vpcp-covid19-2021 --db postgresql://thidua@db.example/thidua
    """
    from generator.store.backend import display
    from generator.store.submissions import connect
    from generator.web.plans import load_campaign

    target = db or str(campaign_dir / DEFAULT_DB)
    if issue:
        units = load_campaign(campaign_dir).units
        unknown = [c for c in issue if c != AGENCY and c not in units]
        if unknown:
            raise click.BadParameter(
                f"không có đơn vị mã {', '.join(unknown)} trong campaign.json (các mã có: "
                f"{', '.join(units)}; Ban Thi đua: {AGENCY})", param_hint="--issue-secret")
        store = connect(target)
        for code in issue:
            secret = store.issue_secret(code, "agency" if code == AGENCY else "unit")
            click.echo(f"{code}\t{secret}")
        click.echo(f"Đã ghi mã bí mật (đã băm) vào {display(target)}. Hãy trao từng mã cho đúng đơn vị; "
                   "mã không xem lại được, chỉ cấp lại được.")
        return
    _run(campaign_dir, target, host, port, list(trusted), threads, out, register_path)


def _own_names(host: str) -> list[str]:
    """The names and addresses colleagues may type to reach this machine (for a wildcard
    address, all of them; else the address itself)."""
    import socket

    if host not in ("0.0.0.0", "::", ""):
        return [host]
    name = socket.gethostname()
    names = [name, socket.getfqdn()]
    try:
        names += socket.gethostbyname_ex(name)[2]
    except OSError:
        pass        # a machine whose own name does not resolve: only what --trusted-host says
    return list(dict.fromkeys(n for n in names if n))


def _interrupt(_number: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _run(campaign_dir: Path, db: str, host: str, port: int, trusted: list[str],
         threads: int, out: Path | None = None, register: Target | None = None) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="thidua-web-") as cache:
        _serve(campaign_dir, db, host, port, trusted, threads, Path(cache), out, register)
    click.echo("Đã dừng máy chủ.", err=True)


def _serve(campaign_dir: Path, db: str, host: str, port: int, trusted: list[str],
           threads: int, cache: Path, out: Path | None = None,
           register: Target | None = None) -> None:
    import signal

    from waitress import create_server

    from generator.store.backend import display
    from generator.web import create_app

    from .server_log import DETAILS, attach

    if not _loopback(host):
        trusted = trusted or _own_names(host)
        click.echo(f"Cảnh báo: máy chủ mở cho mạng ({host}), không chỉ máy này. Kết nối không "
                   "mã hóa (HTTP): chỉ dùng trong mạng nội bộ tin cậy, hoặc đặt sau một máy chủ "
                   "HTTPS. Tên máy được nhận: "
                   f"{', '.join(trusted) or '(chỉ máy này)'} (thêm bằng --trusted-host).",
                   err=True)
    # The page images of previews live in *cache*, removed when the server stops.
    app = create_app(campaign_dir, db, trusted_hosts=[host, *trusted], cache_dir=cache,
                     out_dir=out, register=register)
    attach(app, lambda line: click.echo(line, err=True), campaign_dir / DETAILS)
    server = create_server(app, host=host, port=port, threads=threads,
                           max_request_body_size=2 * 1024 * 1024, ident="thidua")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"thidua serve: http://{shown}:{server.effective_port}/ "  # type: ignore[union-attr]
               f"(kho dữ liệu {display(db)}; văn bản soạn vào "
               f"{app.extensions['thidua']['out']}, vào sổ đăng ký "
               f"{app.extensions['thidua']['register_shown']}). Dừng bằng Ctrl+C.", err=True)
    # Ctrl+C and a service manager's SIGTERM both stop it cleanly, even when the shell that
    # started it in the background left SIGINT ignored.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _interrupt)
    try:
        server.run()            # waitress returns from run() on KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
