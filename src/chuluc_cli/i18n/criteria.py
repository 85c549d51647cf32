"""Messages of chuluc's criteria part: KEY -> (Vietnamese, English).

Lint warnings (``criteria.lint.<code>``) name the criterion, step or key in the
file's own terms, say why it cannot work and, where there is one, the fix.
The ``criteria.rule.*`` and ``criteria.range.*`` texts describe rules in
``chuluc criteria show``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- lint warnings -------------------------------------------------------------------
    "criteria.lint.unreachable_step": (
        "tiêu chí {criterion}: bước {step} ({condition}) không bao giờ được áp dụng vì bước "
        "{earlier} ({earlier_condition}) ở trên đã khớp mọi giá trị của nó; hãy đổi thứ tự "
        "hoặc bỏ bước này",
        "criterion {criterion}: step {step} ({condition}) can never apply because step "
        "{earlier} ({earlier_condition}) above it already matches every value it would; "
        "reorder the steps or remove this one",
    ),
    "criteria.lint.unreachable_step_union": (
        "tiêu chí {criterion}: bước {step} ({condition}) không bao giờ được áp dụng vì các bước "
        "ở trên đã khớp mọi giá trị của nó; hãy đổi thứ tự hoặc bỏ bước này",
        "criterion {criterion}: step {step} ({condition}) can never apply because the steps "
        "above it already match every value it would; reorder the steps or remove this one",
    ),
    "criteria.lint.step_outside_range": (
        "tiêu chí {criterion}: bước {step} ({condition}) không bao giờ được áp dụng vì "
        "'{field}' chỉ nhận giá trị {range}",
        "criterion {criterion}: step {step} ({condition}) can never apply because "
        "'{field}' only takes values {range}",
    ),
    "criteria.lint.pass_mark_unreachable": (
        "điểm đạt {pass_mark} cao hơn tổng điểm tối đa {max_total}: không sản phẩm nào đạt được",
        "pass mark {pass_mark} is above the highest possible total {max_total}: "
        "no product can pass",
    ),
    "criteria.lint.tier_unreachable": (
        "hạng '{tier}' cần từ {min_total} điểm, cao hơn tổng điểm tối đa {max_total}: "
        "không sản phẩm nào được xếp hạng này",
        "tier '{tier}' needs {min_total} points, above the highest possible total "
        "{max_total}: no product can reach it",
    ),
    "criteria.lint.gate_never_passes": (
        "điều kiện {gate} ({require}) không bao giờ thỏa mãn vì {reason}: mọi sản phẩm sẽ bị loại",
        "gate {gate} ({require}) can never pass because {reason}: every product would be rejected",
    ),
    "criteria.lint.reason.always_false": ("biểu thức luôn sai", "the expression is always false"),
    "criteria.lint.reason.out_of_range": (
        "'{field}' chỉ nhận giá trị {range}",
        "'{field}' only takes values {range}",
    ),
    "criteria.lint.reason.empty_list": (
        "không giá trị nào nằm trong danh sách rỗng []",
        "no value is in the empty list []",
    ),
    "criteria.lint.tie_break_not_unique": (
        "tie_break không kết thúc bằng khóa duy nhất nên hai sản phẩm vẫn có thể bằng nhau "
        "hoàn toàn; hãy thêm 'product_id asc' vào cuối",
        "tie_break does not end on a unique key, so two products can still be fully tied; "
        "add 'product_id asc' at the end",
    ),
    "criteria.lint.tie_break_key_unused": (
        "khóa tie_break '{name}' đứng sau product_id (không trùng nhau) nên không bao giờ "
        "được dùng; hãy bỏ nó hoặc chuyển lên trước",
        "tie_break key '{name}' comes after product_id, which is unique, so it never decides "
        "anything; remove it or move it up",
    ),
    "criteria.lint.unused_field": (
        "trường '{field}' được khai báo nhưng không điều kiện, tiêu chí, hạn mức hay "
        "tie_break nào dùng đến",
        "field '{field}' is declared but no gate, criterion, quota or tie-break uses it",
    ),
    "criteria.lint.unused_derived": (
        "giá trị tính toán '{name}' không được dùng ở đâu",
        "derived value '{name}' is not used anywhere",
    ),
    "criteria.lint.band_points_above_max": (
        "tiêu chí {criterion}: bước {step} cho {points} điểm, vượt điểm tối đa {max} của tiêu "
        "chí; khi chấm chỉ được tính {max}",
        "criterion {criterion}: step {step} gives {points} points, above the criterion's max "
        "{max}; scoring counts only {max}",
    ),
    "criteria.lint.map_points_above_max": (
        "tiêu chí {criterion}: giá trị '{choice}' cho {points} điểm, vượt điểm tối đa {max} của "
        "tiêu chí; khi chấm chỉ được tính {max}",
        "criterion {criterion}: '{choice}' gives {points} points, above the criterion's max "
        "{max}; scoring counts only {max}",
    ),
    "criteria.lint.quota_on_optional_field": (
        "hạn mức {quota} tính theo trường không bắt buộc '{field}': mỗi sản phẩm để trống "
        "trường này được tính riêng nên không bị hạn mức giới hạn; hãy đặt required: true",
        "quota {quota} is per '{field}', an optional field: each product with it blank is "
        "counted alone, so the quota does not limit them; set required: true",
    ),
    # --- value ranges (lint reasons, field summaries) -----------------------------------
    "criteria.range.between": ("từ {low} đến {high}", "from {low} to {high}"),
    "criteria.range.at_least": ("từ {low} trở lên", "of {low} or more"),
    "criteria.range.at_most": ("đến {high} trở xuống", "of {high} or less"),
    # --- rule descriptions (chuluc criteria show) ----------------------------------------
    "criteria.rule.bands": ("theo bậc của {of}: {steps}", "bands on {of}: {steps}"),
    "criteria.rule.linear": (
        "tuyến tính theo {of}: 0 điểm tại {zero_at}, tối đa tại {full_at}",
        "linear on {of}: 0 at {zero_at}, max at {full_at}",
    ),
    "criteria.rule.when": ("đủ điểm khi {condition}", "full points when {condition}"),
    "criteria.rule.map": ("theo giá trị của {of}: {points}", "by value of {of}: {points}"),
    "criteria.rule.formula": ("công thức: {formula}", "formula: {formula}"),
    "criteria.rule.judged": ("do thành viên Hội đồng chấm", "scored by the committee"),
    # Vietnamese writes decimals with a comma ("0,5"), so its list separator is ";".
    "criteria.list_separator": ("; ", ", "),
    # --- examples: rule tests run by chuluc check (criteria.examples) ----------------------
    "criteria.example.unreadable": (
        "ví dụ '{example}': không đọc được các giá trị: {detail}",
        "example '{example}': its values cannot be read: {detail}",
    ),
    "criteria.example.data_issue": (
        "ví dụ '{example}': giá trị của '{field}' không dùng được: {detail}",
        "example '{example}': the value of '{field}' cannot be used: {detail}",
    ),
    "criteria.example.should_be_eligible": (
        "ví dụ '{example}': cần đạt mọi điều kiện, nhưng không đạt {gates}",
        "example '{example}': should pass every gate, but fails {gates}",
    ),
    "criteria.example.should_not_be_eligible": (
        "ví dụ '{example}': cần không đạt ít nhất một điều kiện, nhưng đạt tất cả",
        "example '{example}': should fail at least one gate, but passes them all",
    ),
    "criteria.example.gates_failed": (
        "ví dụ '{example}': các điều kiện không đạt cần là {expected}, thực tế là {actual}",
        "example '{example}': the failed gates should be {expected}, but are {actual}",
    ),
    "criteria.example.points": (
        "ví dụ '{example}': {criterion} cần {expected} điểm, được {actual} ({why})",
        "example '{example}': {criterion} should get {expected} points, got {actual} ({why})",
    ),
    "criteria.example.group": (
        "ví dụ '{example}': nhóm {group} cần {expected} điểm, được {actual}",
        "example '{example}': group {group} should get {expected} points, got {actual}",
    ),
    "criteria.example.total": (
        "ví dụ '{example}': tổng điểm cần là {expected}, được {actual}",
        "example '{example}': the total should be {expected}, got {actual}",
    ),
    "criteria.example.should_pass": (
        "ví dụ '{example}': cần đạt, nhưng bị loại ({reasons})",
        "example '{example}': should pass, but is rejected ({reasons})",
    ),
    "criteria.example.should_not_pass": (
        "ví dụ '{example}': cần không đạt, nhưng đạt với tổng {total} điểm (điểm đạt {pass_mark})",
        "example '{example}': should not pass, but passes with a total of {total} "
        "(pass mark {pass_mark})",
    ),
}
