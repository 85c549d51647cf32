"""Messages of chuluc's nomination template: KEY -> (Vietnamese, English).

The blank form that ``chuluc_cli.io.template_xlsx`` writes for enterprises: sheet
names, the title and hint rows, the notes on each column header, the instructions
sheet and the messages Excel shows when a cell breaks a data validation rule.
Excel limits a validation message to 255 characters and its title to 32.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Sheet names (at most 31 characters)
    "template.sheet.nominations": ("Hồ sơ đề cử", "Nominations"),
    "template.sheet.instructions": ("Hướng dẫn", "Instructions"),
    "template.sheet.lists": ("Danh mục", "Lists"),
    # Rows above the table
    "template.title": (
        "Danh sách hồ sơ đề cử — {title} (phiên bản {version})",
        "Nominations — {title} (version {version})",
    ),
    "template.hint": (
        "Điền mỗi sản phẩm một dòng, bắt đầu từ dòng {row}. Cột có tiêu đề in đậm, nền cam là bắt buộc. "
        "Đưa chuột vào tiêu đề cột để xem cách ghi, hoặc xem trang “{instructions}”. "
        "Không đổi tên tiêu đề cột, không chèn hoặc xóa dòng phía trên bảng.",
        "Fill in one product per row, starting at row {row}. Columns with a bold header on an orange fill are required. "
        "Hover over a column header to see how to fill it in, or read the “{instructions}” sheet. "
        "Do not rename the column headers or insert or delete rows above the table.",
    ),
    # Yes / no (the reader reads both languages)
    "template.yes": ("Có", "Yes"),
    "template.no": ("Không", "No"),
    "template.required": ("Bắt buộc", "Required"),
    "template.optional": ("Không bắt buộc", "Optional"),
    # Field types in words
    "template.type.id": ("mã (văn bản)", "code (text)"),
    "template.type.text": ("văn bản", "text"),
    "template.type.number": ("số", "number"),
    "template.type.integer": ("số nguyên", "whole number"),
    "template.type.percent": ("phần trăm", "percentage"),
    "template.type.bool": ("có/không", "yes/no"),
    "template.type.date": ("ngày", "date"),
    "template.type.choice": ("chọn trong danh sách", "one of a list"),
    # Allowed values
    "template.range.between": ("từ {min} đến {max}", "from {min} to {max}"),
    "template.range.at_least": ("từ {min} trở lên", "{min} or more"),
    "template.range.at_most": ("không quá {max}", "at most {max}"),
    "template.allowed.bool": ("{yes} hoặc {no}", "{yes} or {no}"),
    "template.allowed.date": (
        "ngày/tháng/năm, ví dụ 15/03/2019",
        "day/month/year, for example 15/03/2019",
    ),
    "template.allowed.percent": (
        "ghi 12,5 hoặc 12,5% (đều là 12,5%)",
        "write 12.5 or 12.5% (both mean 12.5%)",
    ),
    "template.allowed.pattern": (
        "phải khớp mẫu (biểu thức chính quy) {pattern}",
        "must match the pattern (regular expression) {pattern}",
    ),
    # The note on each column header
    "template.note.type": ("Kiểu: {type}", "Type: {type}"),
    "template.note.unit": ("Đơn vị: {unit}", "Unit: {unit}"),
    "template.note.allowed": ("Giá trị: {allowed}", "Values: {allowed}"),
    "template.note.choices": ("Chọn một trong: {choices}", "One of: {choices}"),
    # Data validation (title at most 32 characters, message at most 255)
    "template.valid.title": ("Giá trị không hợp lệ", "Invalid value"),
    "template.valid.list": (
        "Hãy chọn một giá trị trong danh sách thả xuống.",
        "Choose a value from the drop-down list.",
    ),
    "template.valid.number": ("Hãy nhập một số{range}.", "Enter a number{range}."),
    "template.valid.integer": ("Hãy nhập một số nguyên{range}.", "Enter a whole number{range}."),
    "template.valid.percent": (
        "Hãy nhập một số phần trăm{range}, ví dụ 12,5 hoặc 12,5%.",
        "Enter a percentage{range}, for example 12.5 or 12.5%.",
    ),
    "template.valid.date": (
        "Hãy nhập một ngày theo ngày/tháng/năm, ví dụ 15/03/2019.",
        "Enter a date as day/month/year, for example 15/03/2019.",
    ),
    # The instructions sheet
    "template.col.column": ("Cột", "Column"),
    "template.col.header": ("Tiêu đề cột", "Column header"),
    "template.col.label": ("Nội dung", "Meaning"),
    "template.col.required": ("Bắt buộc", "Required"),
    "template.col.type": ("Kiểu dữ liệu", "Type"),
    "template.col.unit": ("Đơn vị", "Unit"),
    "template.col.allowed": ("Giá trị cho phép", "Allowed values"),
    "template.col.description": ("Ghi chú", "Notes"),
    "template.rules.title": ("Cách ghi giá trị", "How to write values"),
    "template.rule.rows": (
        "Mỗi sản phẩm ghi trên một dòng của trang “{sheet}”, bắt đầu từ dòng {row}. "
        "Không đổi tên tiêu đề cột, không chèn hoặc xóa dòng phía trên bảng.",
        "One product per row of the “{sheet}” sheet, starting at row {row}. "
        "Do not rename the column headers or insert or delete rows above the table.",
    ),
    "template.rule.required": (
        "Cột bắt buộc (tiêu đề in đậm, nền cam) không được để trống; "
        "cột không bắt buộc để trống khi không có số liệu.",
        "Required columns (bold header on an orange fill) must not be blank; "
        "leave an optional column blank when there is no figure.",
    ),
    "template.rule.text": (
        "Mã và văn bản (mã hồ sơ, mã số thuế…): các cột này đã được định dạng văn bản "
        "để giữ nguyên số 0 ở đầu, ví dụ 0101234567.",
        "Codes and texts (product ID, tax code…): these columns are formatted as text "
        "so that a leading zero is kept, for example 0101234567.",
    ),
    "template.rule.number": (
        "Số: ghi 1.234,5 hoặc 1234,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân); "
        "không ghi đơn vị trong ô (ghi 12, không ghi “12 tỷ”).",
        "Numbers: write 1234.5, or 1.234,5 the Vietnamese way (dots between thousands, a comma before "
        "the decimals); no unit in the cell (write 12, not “12 billion”).",
    ),
    "template.rule.integer": (
        "Số nguyên: không có phần thập phân, ví dụ 25.",
        "Whole numbers: no decimals, for example 25.",
    ),
    "template.rule.percent": (
        "Phần trăm: ghi 12,5 hoặc 12,5% — cả hai đều là 12,5%.",
        "Percentages: write 12.5 or 12.5% — both mean 12.5%.",
    ),
    "template.rule.date": (
        "Ngày: ghi theo ngày/tháng/năm, ví dụ 15/03/2019.",
        "Dates: day/month/year, for example 15/03/2019.",
    ),
    "template.rule.bool": (
        "Có/không: chọn Có hoặc Không trong danh sách thả xuống.",
        "Yes/no: choose Yes or No from the drop-down list (Có/Không are read too).",
    ),
    "template.rule.choice": (
        "Cột có danh sách: chọn một giá trị trong danh sách thả xuống, không tự ghi cách khác.",
        "Columns with a list: choose a value from the drop-down list rather than typing your own.",
    ),
}
