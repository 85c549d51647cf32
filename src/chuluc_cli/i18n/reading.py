"""Messages of chuluc's reading part: KEY -> (Vietnamese, English).

``reading.issue.<code>`` renders a :class:`~chuluc_cli.data_issues.DataIssue`
from its ``params``. Every issue made by ``chuluc_cli.io.nominations`` carries
``value``, ``header``, ``field``, ``column`` and ``row`` in its params, plus
the keys named in each template below. The Vietnamese template of
``unparseable`` uses ``expected_vi`` (the Vietnamese name of the type), which
``chuluc_cli.io.nominations.cell_issue_params`` adds; the English one uses
``expected`` as :class:`~chuluc_cli.io.values.CellError` gives it.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ data issues
    "reading.issue.blank_required": (
        "Ô bắt buộc bị trống: {header}",
        "Required cell is blank: {header}",
    ),
    "reading.issue.unparseable": (
        "Không đọc được '{value}' thành {expected_vi}",
        "Cannot read '{value}' as {expected}",
    ),
    "reading.issue.out_of_range": (
        "Giá trị {value} nằm ngoài giới hạn cho phép ({range})",
        "Value {value} is outside the allowed range ({range})",
    ),
    "reading.issue.pattern_mismatch": (
        "'{value}' không đúng định dạng yêu cầu ({pattern})",
        "'{value}' does not have the required form ({pattern})",
    ),
    "reading.issue.unknown_choice": (
        "'{value}' không thuộc các giá trị được chấp nhận: {allowed}",
        "'{value}' is not one of the accepted values: {allowed}",
    ),
    "reading.issue.duplicate_id": (
        "Mã '{value}' bị trùng với dòng {rows}",
        "Id '{value}' is also used on row {rows}",
    ),
    "reading.issue.blank_row": (
        "Đã bỏ qua {count} dòng trống (dòng {rows})",
        "Skipped {count} blank row(s) (row {rows})",
    ),
    "reading.issue.trailing_row": (
        "Đã bỏ qua dòng không phải hồ sơ (tổng cộng, ghi chú, chữ ký…): '{value}'",
        "Skipped a row that is not a nomination (totals, notes, signatures…): '{value}'",
    ),
    "reading.issue.formula_no_value": (
        "Ô chứa công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel rồi lưu lại",
        "The cell holds a formula without a saved result: open the file in Excel and save it",
    ),
    "reading.issue.error_cell": (
        "Ô báo lỗi của Excel: {value}",
        "The cell shows an Excel error: {value}",
    ),
    "reading.issue.ambiguous_number": (
        "'{value}' có thể hiểu theo hai cách; đã đọc theo cách viết Việt Nam (dấu chấm"
        " ngăn cách hàng nghìn, dấu phẩy là dấu thập phân). Nếu tệp dùng dấu chấm làm"
        " dấu thập phân, hãy chạy lại với --decimal .",
        "'{value}' can be read two ways; it was read the Vietnamese way, as {read}."
        " If the file uses the dot as decimal separator, run again with --decimal .",
    ),
    "reading.issue.text_too_long": (
        "Nội dung dài {length} ký tự, chỉ giữ {limit} ký tự đầu",
        "The text has {length} characters; only the first {limit} are kept",
    ),
    "reading.issue.control_characters": (
        "Đã xoá {count} ký tự điều khiển không hiển thị khỏi ô",
        "Removed {count} invisible control character(s) from the cell",
    ),
    "reading.issue.unknown_product": (
        "Mã sản phẩm '{value}' không có trong danh sách hồ sơ",
        "Product id '{value}' is not in the nominations",
    ),
    "reading.issue.missing_score": (
        "Thiếu điểm chấm của thành viên Hội đồng",
        "A committee member's score is missing",
    ),
    # Not yet an IssueCode: a second column matching a field that already has one.
    "reading.issue.repeated_header": (
        "Đã bỏ qua dòng tiêu đề lặp lại giữa dữ liệu (dòng {row})",
        "Skipped a header row repeated inside the data (row {row})",
    ),
    "reading.issue.duplicate_column": (
        "Cột {column} cũng khớp với trường {matched}; chỉ dùng cột {kept}",
        "Column {column} also matches field {matched}; only column {kept} is used",
    ),
    # ------------------------------------------------------------ expected types
    "reading.expected.number": ("số", "number"),
    "reading.expected.integer": ("số nguyên", "integer"),
    "reading.expected.percent": ("phần trăm", "percent"),
    "reading.expected.bool": ("có/không", "yes/no"),
    "reading.expected.date": ("ngày (ngày/tháng/năm)", "date (day/month/year)"),
    "reading.expected.text": ("văn bản", "text"),
    "reading.expected.choice": ("một giá trị trong danh sách", "one of the listed values"),
}
