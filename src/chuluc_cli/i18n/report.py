"""Messages of chuluc's report part: KEY -> (Vietnamese, English).

Sheet names, column headers and labels of the workbook, CSV and JSON reports,
and the errors raised when an output cannot be written.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Writing outputs (chuluc_cli.io.atomic)
    "report.output.stdout": (
        "'-' là đầu ra chuẩn, không phải tên tệp; hãy ghi ra một tệp có tên",
        "'-' is standard output, not a file name; write to a named file",
    ),
    "report.output.is_input": (
        "{path}: đây là một tệp đầu vào; hãy đặt tên khác cho tệp kết quả",
        "{path}: this is one of the input files; choose another name for the output",
    ),
    "report.output.is_folder": (
        "{path}: đây là một thư mục, không phải tệp",
        "{path}: is a folder, not a file",
    ),
    "report.output.exists": (
        "{path}: tệp đã tồn tại; dùng --force để ghi đè",
        "{path}: exists; use --force to replace it",
    ),
    "report.output.no_folder": (
        "{path}: thư mục {folder} không tồn tại",
        "{path}: the folder {folder} does not exist",
    ),
    # Sheet names (at most 31 characters)
    "report.sheet.summary": ("Tổng hợp", "Summary"),
    "report.sheet.shortlist": ("Danh sách xét chọn", "Shortlist"),
    "report.sheet.rejected": ("Không đạt", "Rejected"),
    "report.sheet.breakdown": ("Chi tiết điểm", "Score breakdown"),
    "report.sheet.issues": ("Lỗi dữ liệu", "Data issues"),
    "report.sheet.run": ("Thông tin chạy", "Run"),
    # Column headers
    "report.col.rank": ("Thứ hạng", "Rank"),
    "report.col.product_id": ("Mã hồ sơ", "Product ID"),
    "report.col.product": ("Tên sản phẩm", "Product"),
    "report.col.enterprise": ("Doanh nghiệp", "Enterprise"),
    "report.col.total": ("Tổng điểm ({max})", "Total ({max})"),
    "report.col.tier": ("Xếp loại", "Tier"),
    "report.col.status": ("Kết quả", "Status"),
    "report.col.cut_reason": ("Lý do không được chọn", "Why not selected"),
    "report.col.flags": ("Cần lưu ý", "Notes"),
    "report.col.reasons": ("Lý do không đạt", "Reasons"),
    "report.col.reason_codes": ("Mã lý do", "Reason codes"),
    "report.col.explanation": ("{id} — cách tính", "{id} — explanation"),
    "report.col.file": ("Tệp", "File"),
    "report.col.sheet": ("Trang tính", "Sheet"),
    "report.col.row": ("Dòng", "Row"),
    "report.col.column": ("Cột", "Column"),
    "report.col.header": ("Tiêu đề cột", "Header"),
    "report.col.value": ("Giá trị đã nhập", "Value entered"),
    "report.col.severity": ("Mức độ", "Severity"),
    "report.col.message": ("Nội dung", "Message"),
    "report.col.count": ("Số sản phẩm", "Products"),
    "report.col.selected": ("Được chọn", "Selected"),
    "report.col.reason": ("Lý do", "Reason"),
    "report.col.range": ("Khoảng điểm", "Range of totals"),
    "report.col.item": ("Mục", "Item"),
    "report.col.sha256": ("SHA-256", "SHA-256"),
    "report.col.header_row": ("Dòng tiêu đề", "Header row"),
    "report.col.rows": ("Số dòng dữ liệu", "Data rows"),
    "report.col.format": ("Định dạng", "Format"),
    # Statuses, flags, severities
    "report.status.selected": ("Được chọn", "Selected"),
    "report.status.passed": ("Đạt, chưa được chọn", "Passed, not selected"),
    "report.status.rejected": ("Không đạt", "Rejected"),
    "report.flag.TIE": ("Đồng điểm", "Tie"),
    "report.flag.AWAITING_SCORES": ("Chờ điểm của thành viên Hội đồng", "Awaiting members' scores"),
    "report.flag.DATA_WARNING": ("Có cảnh báo dữ liệu", "Data warning"),
    "report.severity.error": ("Lỗi", "Error"),
    "report.severity.warning": ("Cảnh báo", "Warning"),
    "report.severity.info": ("Thông tin", "Info"),
    # Readable labels of reason codes (Summary sheet)
    "report.reason.gate": ("Không đáp ứng điều kiện: {title}", "Fails the condition: {title}"),
    "report.reason.DATA": ("Lỗi dữ liệu ở cột {field}", "Data error in {field}"),
    "report.reason.DUPLICATE": ("Trùng mã hồ sơ", "Duplicate product ID"),
    "report.reason.PASS_MARK": (
        "Tổng điểm dưới điểm đạt ({pass_mark})",
        "Total below the pass mark ({pass_mark})",
    ),
    "report.reason.GROUP_MIN": (
        "Chưa đạt điểm tối thiểu của nhóm: {title}",
        "Below the group minimum: {title}",
    ),
    "report.reason.CRITERION_MIN": (
        "Chưa đạt điểm tối thiểu của tiêu chí: {title}",
        "Below the criterion minimum: {title}",
    ),
    "report.reason.QUOTA": ("Vượt hạn mức: {title}", "Over the quota: {title}"),
    "report.reason.LIMIT": (
        "Ngoài số lượng được chọn ({limit})",
        "Beyond the number to select ({limit})",
    ),
    "report.reason.quota_per": (
        "tối đa {max} sản phẩm cho mỗi {field}",
        "at most {max} per {field}",
    ),
    # Summary sheet
    "report.summary.criteria": ("Bộ tiêu chí", "Criteria"),
    "report.summary.version": ("Phiên bản", "Version"),
    "report.summary.source": ("Căn cứ", "Based on"),
    "report.summary.criteria_file": ("Tệp tiêu chí", "Criteria file"),
    "report.summary.pass_mark": ("Điểm đạt", "Pass mark"),
    "report.summary.max_total": ("Tổng điểm tối đa", "Maximum total"),
    "report.summary.limit": ("Số sản phẩm được chọn tối đa", "Products to select, at most"),
    "report.summary.products": ("Số sản phẩm đề cử", "Nominated products"),
    "report.summary.by_status": ("Theo kết quả", "By status"),
    "report.summary.by_sector": ("Theo ngành", "By sector"),
    "report.summary.by_reason": (
        "Lý do không đạt hoặc không được chọn",
        "Why products were rejected or not selected",
    ),
    "report.summary.distribution": (
        "Phân bố tổng điểm (mọi sản phẩm)",
        "Distribution of totals (all products)",
    ),
    "report.summary.chart_title": ("Phân bố tổng điểm", "Distribution of totals"),
    "report.summary.committee": ("Cần Hội đồng xem xét", "For the committee"),
    "report.summary.tie": (
        "Đồng điểm {total}, quy tắc xếp hạng phụ không phân định được: {products}",
        "Tied at {total}, not separated by the tie-break rules: {products}",
    ),
    "report.summary.awaiting": (
        "Chưa có điểm của thành viên Hội đồng ({count} sản phẩm): {products}",
        "Awaiting committee members' scores ({count} products): {products}",
    ),
    "report.summary.issues": (
        "Dữ liệu đề cử có {errors} lỗi và {warnings} cảnh báo (xem trang “{sheet}”)",
        "The nomination data has {errors} errors and {warnings} warnings (see sheet “{sheet}”)",
    ),
    "report.summary.nothing": (
        "Không có nội dung nào cần Hội đồng xem xét thêm.",
        "Nothing needs the committee's attention.",
    ),
    "report.summary.more": ("… và {count} sản phẩm khác", "… and {count} more"),
    "report.summary.total_row": ("Tổng cộng", "Total"),
    "report.summary.blank": ("(để trống)", "(blank)"),
    # Run sheet
    "report.run.title": ("Thông tin lần chạy", "About this run"),
    "report.run.tool": ("Công cụ", "Tool"),
    "report.run.criteria_id": ("Mã bộ tiêu chí", "Criteria ID"),
    "report.run.criteria_version": ("Phiên bản bộ tiêu chí", "Criteria version"),
    "report.run.criteria_sha256": ("SHA-256 của tệp tiêu chí", "Criteria file SHA-256"),
    "report.run.criteria_path": ("Tệp tiêu chí", "Criteria file"),
    "report.run.language": ("Ngôn ngữ báo cáo", "Report language"),
    "report.run.created": ("Thời điểm lập báo cáo", "Report created"),
    "report.run.inputs": ("Tệp đề cử đã đọc", "Nomination files read"),
    "report.run.options": ("Tùy chọn", "Options"),
    "report.run.no_options": ("(mặc định)", "(defaults)"),
}
