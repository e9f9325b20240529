"""The Vietnamese a clerk reads where the words are not thidua's own: Click's texts (usage,
help, usage errors, interruption) and the operating system's errors (Permission denied, Not a
directory…).

Pure data and string functions, standard library only: the CLI installs :func:`gettext` and
:func:`ngettext` into Click and passes every message through :func:`os_words`.
"""

from __future__ import annotations

import errno
import os
import re

# Click 8.1–8.x message ids (its gettext calls), in Vietnamese. Placeholders are Click's own.
CLICK: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "required": "bắt buộc",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "deprecated": "không còn dùng",
    "Aborted!": "Đã dừng (Ctrl+C). Lần chạy sau tự hoàn tất hoặc hoàn lại phần đang ghi dở.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: "
                                                  "{message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "argument": "tham số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing command.": "Thiếu tên lệnh.",
    "unknown error": "lỗi không rõ",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type}.",
    "integer": "số nguyên",
    "float": "số",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải là có/không. Giá trị được nhận: {states}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r}: không có quyền đọc.",
    "{name} {filename!r} is not writable.": "{name} {filename!r}: không có quyền ghi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r}: không có quyền chạy.",
    "Invalid start character for option ({option})":
        "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Do you want to continue?": "Tiếp tục?",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: nhập không hợp lệ",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục...",
}
# Click's plural message ids: (singular, plural) → (Vietnamese singular, plural).
CLICK_PLURAL: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "Thừa tham số không dùng đến: {args}",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        "(có phải ý bạn là {possibilities}?)",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        "{value!r} không hợp lệ; chỉ được là {choices}.",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "Tùy chọn {name!r} cần giá trị đi kèm.",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "Cần {nargs} giá trị.",
}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


class _PathText(str):
    """A path message: Click title-cases the kind of path ("Thư Mục"); Vietnamese capitalises
    the first word only ("Thư mục")."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        if isinstance(kwargs.get("name"), str):
            kwargs["name"] = str(kwargs["name"]).lower().capitalize()
        return str.format(str(self), *args, **kwargs)


def gettext(message: str) -> str:
    """Click's text *message* in Vietnamese (unchanged when there is no translation)."""
    found = CLICK.get(message, message)
    return _PathText(found) if message.startswith("{name} {filename!r}") else found


def ngettext(singular: str, plural: str, count: int) -> str:
    """Click's plural texts in Vietnamese (one form: Vietnamese nouns do not inflect)."""
    found = CLICK_PLURAL.get((singular, plural))
    if found is None:
        return singular if count == 1 else plural
    return _OneForm(found)


class _OneForm(str):
    """A translated text whose format() leaves out the placeholders a call does not give
    (Click gives {possibility} to the singular and {possibilities} to the plural)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return str.format_map(str(self), _Blank(kwargs))


# Operating-system errors in words: the platform's own text for each errno, as Python gives it
# in err.strerror (and in messages built from it), replaced by Vietnamese.
OS_ERRORS: dict[int, str] = {
    errno.EACCES: "không có quyền truy cập (tệp hoặc thư mục bị khóa, chỉ đọc, hoặc thuộc "
                  "người khác)",
    errno.EPERM: "không được phép làm việc này",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.EEXIST: "đã có tệp hoặc thư mục tên này",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.EXDEV: "không chuyển được giữa hai ổ đĩa",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EINVAL: "tên hoặc giá trị không hợp lệ",
    errno.ELOOP: "đường dẫn có liên kết vòng",
    errno.EDQUOT: "hết hạn mức dung lượng",
}
# Library texts that reach a message through str(err).
LIBRARY: dict[str, str] = {
    "File is not a zip file": "tệp không phải là tệp .docx/.xlsx (không phải gói zip)",
    "Bad magic number for central directory": "gói zip bị hỏng",
    "Truncated file header": "tệp bị cắt cụt",
}
_ERRNO = re.compile(r"\[(?:Errno|WinError) (\d+)\] ([^:'\"]+)")


def os_error_text(err: OSError) -> str:
    """An OSError in Vietnamese words, with the file it concerns."""
    words = OS_ERRORS.get(err.errno or -1) or os_words(err.strerror or str(err))
    name = err.filename
    return f"{name}: {words}" if name else words


def os_words(message: str) -> str:
    """*message* with the operating system's and the libraries' English replaced."""
    message = _ERRNO.sub(lambda m: OS_ERRORS.get(int(m.group(1)), m.group(2)), message)
    for code, words in OS_ERRORS.items():
        english = os.strerror(code)
        if english in message:
            message = message.replace(english, words)
    for english, words in LIBRARY.items():
        message = message.replace(english, words)
    return message
