"""Messages of chuluc's scoring part: KEY -> (Vietnamese, English).

Used by ``scoring`` (criterion explanations, gates, rejection reasons found while
scoring) and ``selection`` (pass mark, quotas, limit). Every explanation ends with
``→ points/max`` so a reader can check a score card line by line.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- criterion explanations ------------------------------------------------------------
    "scoring.bands.match": (
        "{subject} = {value} {op} {threshold} → {points}/{max}",
        "{subject} = {value} {op} {threshold} → {points}/{max}",
    ),
    "scoring.bands.capped": (
        "{subject} = {value} {op} {threshold} → {points}/{max} (mức {band} điểm vượt điểm tối đa)",
        "{subject} = {value} {op} {threshold} → {points}/{max} (the step's {band} points exceed"
        " the maximum)",
    ),
    "scoring.bands.equals": (
        "{subject} = {value} → {points}/{max}",
        "{subject} = {value} → {points}/{max}",
    ),
    "scoring.bands.none": (
        "{subject} = {value}: không đạt mức nào của thang điểm → {points}/{max}",
        "{subject} = {value}: matches no step of the scale → {points}/{max}",
    ),
    "scoring.bands.not_comparable": (
        "{subject} = {value}: không so sánh được với {op} {threshold} → {points}/{max}",
        "{subject} = {value}: cannot be compared with {op} {threshold} → {points}/{max}",
    ),
    "scoring.linear": (
        "{subject} = {value}: 0 điểm tại {zero_at}, tối đa tại {full_at} → {points}/{max}",
        "{subject} = {value}: 0 points at {zero_at}, full points at {full_at} → {points}/{max}",
    ),
    "scoring.not_number": (
        "{subject} = {value}: không phải là số → {points}/{max}",
        "{subject} = {value}: not a number → {points}/{max}",
    ),
    "scoring.when.true": (
        "{condition}: đúng ({values}) → {points}/{max}",
        "{condition}: true ({values}) → {points}/{max}",
    ),
    "scoring.when.field": (
        "{subject} = {value} → {points}/{max}",
        "{subject} = {value} → {points}/{max}",
    ),
    "scoring.when.false": (
        "{condition}: không đúng ({values}) → {points}/{max}",
        "{condition}: false ({values}) → {points}/{max}",
    ),
    "scoring.when.not_yes_no": (
        "{condition}: kết quả {result} không phải là đúng/sai ({values}) → {points}/{max}",
        "{condition}: the result {result} is not true/false ({values}) → {points}/{max}",
    ),
    "scoring.map.match": (
        "{subject} = {value} → {points}/{max}",
        "{subject} = {value} → {points}/{max}",
    ),
    "scoring.map.other": (
        "{subject} = {value}: không có trong bảng điểm → {points}/{max}",
        "{subject} = {value}: not in the points table → {points}/{max}",
    ),
    "scoring.formula": (
        "{formula} = {result} ({values}) → {points}/{max}",
        "{formula} = {result} ({values}) → {points}/{max}",
    ),
    "scoring.formula.clamped": (
        "{formula} = {result} ({values}), giới hạn trong khoảng 0–{max} → {points}/{max}",
        "{formula} = {result} ({values}), limited to 0–{max} → {points}/{max}",
    ),
    "scoring.formula.not_number": (
        "{formula} = {result}: không phải là số ({values}) → {points}/{max}",
        "{formula} = {result}: not a number ({values}) → {points}/{max}",
    ),
    "scoring.judged.awaiting": (
        "chờ điểm của thành viên Hội đồng → {points}/{max}",
        "awaiting members' scores → {points}/{max}",
    ),
    "scoring.no_data": (
        "không có dữ liệu: {names} → {points}/{max}",
        "no data: {names} → {points}/{max}",
    ),
    "scoring.not_computable": (
        "không tính được {detail} → {points}/{max}",
        "cannot compute {detail} → {points}/{max}",
    ),
    # --- why a value is absent (shown after a name in "không có dữ liệu: ...") ----------------
    "scoring.cause.division_by_zero": ("chia cho 0", "division by zero"),
    "scoring.cause.error": ("không tính được: {detail}", "cannot compute: {detail}"),
    "scoring.cause.not_finite": (
        "kết quả không phải là số hữu hạn",
        "the result is not a finite number",
    ),
    # --- eligibility gates --------------------------------------------------------------------
    "scoring.gate.passed": (
        "{id} {title}: đạt ({values})",
        "{id} {title}: met ({values})",
    ),
    "scoring.gate.failed": (
        "{id} {title}: {values} (cần {condition})",
        "{id} {title}: {values} (requires {condition})",
    ),
    "scoring.gate.no_data": (
        "{id} {title}: không có dữ liệu: {names}",
        "{id} {title}: no data: {names}",
    ),
    "scoring.gate.not_computable": (
        "{id} {title}: không tính được {detail}",
        "{id} {title}: cannot compute {detail}",
    ),
    "scoring.gate.not_yes_no": (
        "{id} {title}: kết quả {result} không phải là đúng/sai ({values})",
        "{id} {title}: the result {result} is not true/false ({values})",
    ),
    # --- reasons found while scoring -------------------------------------------------------
    "scoring.reason.data": (
        "Dữ liệu không hợp lệ tại {place} ({field}): {issue}",
        "Invalid data at {place} ({field}): {issue}",
    ),
    "scoring.reason.duplicate": (
        "Mã sản phẩm {id} xuất hiện nhiều lần trong danh sách đề nghị; cần xác định hồ sơ"
        " đúng trước khi xét",
        "Product id {id} appears more than once in the nominations; settle which record is"
        " right before it can be considered",
    ),
    "scoring.reason.group_min": (
        "Nhóm {id} {title}: {points} điểm, dưới mức tối thiểu {min}",
        "Group {id} {title}: {points} points, below the minimum of {min}",
    ),
    "scoring.reason.criterion_min": (
        "Tiêu chí {id} {title}: {points} điểm, dưới mức tối thiểu {min}",
        "Criterion {id} {title}: {points} points, below the minimum of {min}",
    ),
    # --- reasons found by selection ---------------------------------------------------------
    "scoring.reason.pass_mark": (
        "Tổng điểm {total} dưới điểm chuẩn {pass_mark} (thiếu {short})",
        "Total {total} is below the pass mark of {pass_mark} ({short} short)",
    ),
    "scoring.reason.quota": (
        "Đã đủ hạn mức {quota}: đã chọn {max} sản phẩm có {field} = {value}",
        "Quota {quota} is full: {max} products with {field} = {value} are already selected",
    ),
    "scoring.reason.limit": (
        "Đã chọn đủ {limit} sản phẩm, số lượng tối đa của đợt xét chọn",
        "The round's limit of {limit} selected products has been reached",
    ),
}
