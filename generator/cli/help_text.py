"""Click's rendering of ``thidua --help`` (generator.cli.commands.main) by the width it is laid
out in, line end included: what generator.cli prints without importing Click. Written by
tools/make_help_text.py, checked against Click by tests/test_cli_startup.py; do not edit."""

HELP = {
    78: """\
Cách dùng: thidua [TÙY CHỌN] LỆNH [THAM SỐ]...

  thidua — soạn văn bản phong trào thi đua theo Nghị định 30/2020/NĐ-CP.

  Kiểm tra dữ liệu JSON theo lược đồ rồi điền vào mẫu Word (.docx): Kế hoạch
  triển khai phong trào thi đua và các văn bản đi kèm.

  Ví dụ:
    thidua build samples/vpcp-covid19-2021 -o out
    thidua validate samples/vpcp-covid19-2021/campaign.json

Tùy chọn:
  -V, --version  Hiện phiên bản rồi thoát.
  -h, --help     Hiện hướng dẫn này rồi thoát.

Lệnh:
  build           Soạn mọi văn bản của một thư mục phong trào.
  certificates    In Bằng khen, Giấy khen hàng loạt, cho mọi người trong...
  check           Kiểm tra thể thức tệp .docx theo Nghị định 30/2020/NĐ-CP.
  cycle           Đợt xét khen thưởng: đề nghị của đơn vị → kiểm phiếu →...
  decision        Soạn Quyết định khen thưởng kèm danh sách tập thể, cá...
  excel-template  Ghi tệp Excel mẫu để điền danh sách: khen thưởng, đăng...
  history         Sổ theo dõi khen thưởng (sổ vàng) trong sổ đăng ký...
  init-unit       Tạo sẵn tệp dữ liệu Kế hoạch của một đơn vị để đơn vị...
  plan            Soạn Kế hoạch triển khai phong trào thi đua của cơ quan.
  proposal        Soạn Tờ trình đề nghị cấp trên khen thưởng, kèm danh sách.
  register        Sổ đăng ký văn bản đi (Nghị định 30/2020, Điều 15 và...
  report          Soạn Báo cáo sơ kết, tổng kết phong trào (tệp...
  schema          In lược đồ JSON (JSON Schema) để trình soạn thảo gợi ý...
  serve           Trang web: đơn vị gửi Kế hoạch và đề nghị khen thưởng.
  templates       Mẫu Word riêng của cơ quan, đơn vị: xuất mẫu có sẵn để...
  unit-plan       Soạn Kế hoạch cụ thể của một Vụ, Cục, đơn vị (tệp...
  unit-plans      Soạn dự thảo Kế hoạch cho các đơn vị thẳng từ Kế hoạch...
  validate        Kiểm tra tệp dữ liệu JSON, hoặc cả thư mục phong trào,...
""",
    98: """\
Cách dùng: thidua [TÙY CHỌN] LỆNH [THAM SỐ]...

  thidua — soạn văn bản phong trào thi đua theo Nghị định 30/2020/NĐ-CP.

  Kiểm tra dữ liệu JSON theo lược đồ rồi điền vào mẫu Word (.docx): Kế hoạch triển khai phong trào
  thi đua và các văn bản đi kèm.

  Ví dụ:
    thidua build samples/vpcp-covid19-2021 -o out
    thidua validate samples/vpcp-covid19-2021/campaign.json

Tùy chọn:
  -V, --version  Hiện phiên bản rồi thoát.
  -h, --help     Hiện hướng dẫn này rồi thoát.

Lệnh:
  build           Soạn mọi văn bản của một thư mục phong trào.
  certificates    In Bằng khen, Giấy khen hàng loạt, cho mọi người trong Quyết định hoặc danh...
  check           Kiểm tra thể thức tệp .docx theo Nghị định 30/2020/NĐ-CP.
  cycle           Đợt xét khen thưởng: đề nghị của đơn vị → kiểm phiếu → Quyết định, Tờ trình.
  decision        Soạn Quyết định khen thưởng kèm danh sách tập thể, cá nhân.
  excel-template  Ghi tệp Excel mẫu để điền danh sách: khen thưởng, đăng ký thi đua, đơn vị.
  history         Sổ theo dõi khen thưởng (sổ vàng) trong sổ đăng ký SQLite: nhập từ Excel,...
  init-unit       Tạo sẵn tệp dữ liệu Kế hoạch của một đơn vị để đơn vị bổ sung.
  plan            Soạn Kế hoạch triển khai phong trào thi đua của cơ quan.
  proposal        Soạn Tờ trình đề nghị cấp trên khen thưởng, kèm danh sách.
  register        Sổ đăng ký văn bản đi (Nghị định 30/2020, Điều 15 và Phụ lục IV), tệp SQLite.
  report          Soạn Báo cáo sơ kết, tổng kết phong trào (tệp reports/*.json).
  schema          In lược đồ JSON (JSON Schema) để trình soạn thảo gợi ý và kiểm tra.
  serve           Trang web: đơn vị gửi Kế hoạch và đề nghị khen thưởng.
  templates       Mẫu Word riêng của cơ quan, đơn vị: xuất mẫu có sẵn để sửa, kiểm tra mẫu đã...
  unit-plan       Soạn Kế hoạch cụ thể của một Vụ, Cục, đơn vị (tệp units/<MÃ>.json).
  unit-plans      Soạn dự thảo Kế hoạch cho các đơn vị thẳng từ Kế hoạch của cơ quan.
  validate        Kiểm tra tệp dữ liệu JSON, hoặc cả thư mục phong trào, báo MỌI lỗi của mọi...
""",
}
