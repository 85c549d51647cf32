"""Messages of chuluc's fatal errors: KEY -> (Vietnamese, English).

Every :class:`~chuluc_cli.errors.ChulucError` is one line naming the file and the
place; the place (``FILE``, ``FILE:LINE:COL``, ``FILE [sheet]``) is passed as
``{path}``/``{place}`` and never translated, so the secretary can find it in either
language. The English texts are the ones chuluc printed before it spoke Vietnamese:
logs, library users and tests rely on them, so change them only with care.

``errors.criteria.pydantic.<type>`` translate pydantic's errors of a criteria file
by their type; their English equals pydantic's own message (a test checks it).
``errors.criteria.model.*`` are the checks of ``chuluc_cli.criteria.model``;
``errors.criteria.ref.*`` the cross-reference checks of ``criteria.references``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- criteria files: reading and YAML ------------------------------------------------
    "errors.criteria.not_found": (
        "{name}: không có tệp tiêu chí hay bộ tiêu chí kèm theo chương trình mang tên này",
        "{name}: no such criteria file or shipped ruleset",
    ),
    "errors.criteria.shipped": (
        "các bộ tiêu chí kèm theo chương trình: {names}",
        "shipped rulesets: {names}",
    ),
    "errors.criteria.none": ("không có", "none"),
    "errors.criteria.or": ("hoặc", "or"),
    "errors.criteria.not_a_file": ("{path}: không phải là tệp", "{path}: not a file"),
    "errors.criteria.too_large": (
        "{path}: tệp lớn hơn {limit} byte, không phải tệp tiêu chí",
        "{path}: larger than {limit} bytes; not a criteria file",
    ),
    "errors.criteria.unreadable": (
        "{path}: không đọc được tệp ({reason})",
        "{path}: cannot read ({reason})",
    ),
    "errors.criteria.not_utf8": (
        "{place}: tệp không phải văn bản UTF-8 (byte {byte}); hãy lưu tệp theo bảng mã UTF-8",
        "{place}: not UTF-8 text (byte {byte}); save the file as UTF-8",
    ),
    "errors.criteria.empty": (
        "{place}: tệp rỗng; tệp tiêu chí phải bắt đầu bằng khóa 'schema'",
        "{place}: the file is empty; a criteria file starts with 'schema'",
    ),
    "errors.criteria.not_mapping": (
        "{place}: tệp tiêu chí phải là tập hợp các cặp khóa: giá trị (schema, id, ...)",
        "{place}: a criteria file must be a mapping of keys (schema, id, ...)",
    ),
    "errors.criteria.schema_wrong": (
        "{place}: schema: cần '{expected}', nhưng tệp ghi '{found}'",
        "{place}: schema: expected '{expected}', found '{found}'",
    ),
    "errors.criteria.schema_missing": (
        "{place}: schema: cần '{expected}', nhưng tệp không có khóa này",
        "{place}: schema: expected '{expected}', found missing",
    ),
    "errors.criteria.and_more": (" (và {count} lỗi khác)", " (and {count} more)"),
    "errors.criteria.whole_file": ("tệp", "file"),
    "errors.criteria.yaml_syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax: {detail}"),
    "errors.criteria.yaml_tabs": (
        "lỗi cú pháp YAML: {detail}; hãy thụt lề bằng dấu cách, không dùng ký tự Tab",
        "YAML syntax: {detail}; indent with spaces, not tabs",
    ),
    "errors.criteria.yaml_reader": ("lỗi đọc YAML: {detail}", "YAML: {detail}"),
    "errors.criteria.yaml_too_large": (
        "tệp dài hơn {limit} ký tự",
        "file larger than {limit} characters",
    ),
    "errors.criteria.yaml_too_deep": (
        "cấu trúc lồng nhau sâu quá {limit} cấp",
        "nested deeper than {limit} levels",
    ),
    "errors.criteria.yaml_too_many": (
        "tệp có hơn {limit} giá trị (do bí danh YAML được mở rộng?)",
        "more than {limit} values (alias expansion?)",
    ),
    "errors.criteria.yaml_tag": (
        "không được dùng thẻ YAML '{tag}'",
        "YAML tag '{tag}' is not allowed",
    ),
    "errors.criteria.yaml_merge": (
        "không hỗ trợ khóa gộp (<<)",
        "merge keys (<<) are not supported",
    ),
    "errors.criteria.yaml_complex_key": (
        "khóa phải là một giá trị đơn",
        "a key must be a plain value",
    ),
    "errors.criteria.yaml_duplicate_key": (
        "khóa '{name}' bị lặp lại",
        "duplicate key '{name}'",
    ),
    "errors.criteria.yaml_non_finite": (
        "'{value}' không phải là số hữu hạn",
        "non-finite number '{value}'",
    ),
    # --- criteria files: shapes checked by pydantic, by error type --------------------------
    "errors.criteria.pydantic.missing": ("thiếu khóa '{name}'", "missing key '{name}'"),
    "errors.criteria.pydantic.extra_forbidden": (
        "khóa '{name}' không được chấp nhận{suggestion}",
        "unknown key '{name}'{suggestion}",
    ),
    "errors.criteria.did_you_mean": (
        "; có phải là '{suggestion}'?",
        "; did you mean '{suggestion}'?",
    ),
    "errors.criteria.pydantic.string_type": (
        "giá trị phải là một chuỗi văn bản",
        "Input should be a valid string",
    ),
    "errors.criteria.pydantic.string_too_short": (
        "chuỗi phải có ít nhất {min_length} {unit}",
        "String should have at least {min_length} {unit}",
    ),
    "errors.criteria.pydantic.string_too_long": (
        "chuỗi chỉ được có tối đa {max_length} {unit}",
        "String should have at most {max_length} {unit}",
    ),
    "errors.criteria.pydantic.string_pattern_mismatch": (
        "chuỗi phải khớp với mẫu '{pattern}'",
        "String should match pattern '{pattern}'",
    ),
    "errors.criteria.pydantic.int_type": (
        "giá trị phải là một số nguyên",
        "Input should be a valid integer",
    ),
    "errors.criteria.pydantic.int_parsing": (
        "giá trị phải là một số nguyên, không đọc được chuỗi này thành số nguyên",
        "Input should be a valid integer, unable to parse string as an integer",
    ),
    "errors.criteria.pydantic.int_from_float": (
        "giá trị phải là một số nguyên, không được có phần thập phân",
        "Input should be a valid integer, got a number with a fractional part",
    ),
    "errors.criteria.pydantic.float_type": (
        "giá trị phải là một số",
        "Input should be a valid number",
    ),
    "errors.criteria.pydantic.float_parsing": (
        "giá trị phải là một số, không đọc được chuỗi này thành số",
        "Input should be a valid number, unable to parse string as a number",
    ),
    "errors.criteria.pydantic.finite_number": (
        "giá trị phải là một số hữu hạn",
        "Input should be a finite number",
    ),
    "errors.criteria.pydantic.bool_type": (
        "giá trị phải là true hoặc false",
        "Input should be a valid boolean",
    ),
    "errors.criteria.pydantic.bool_parsing": (
        "giá trị phải là true hoặc false, không hiểu được giá trị đã ghi",
        "Input should be a valid boolean, unable to interpret input",
    ),
    "errors.criteria.pydantic.enum": (
        "giá trị phải là {expected}",
        "Input should be {expected}",
    ),
    "errors.criteria.pydantic.literal_error": (
        "giá trị phải là {expected}",
        "Input should be {expected}",
    ),
    "errors.criteria.pydantic.greater_than": (
        "giá trị phải lớn hơn {gt}",
        "Input should be greater than {gt}",
    ),
    "errors.criteria.pydantic.greater_than_equal": (
        "giá trị phải lớn hơn hoặc bằng {ge}",
        "Input should be greater than or equal to {ge}",
    ),
    "errors.criteria.pydantic.less_than": (
        "giá trị phải nhỏ hơn {lt}",
        "Input should be less than {lt}",
    ),
    "errors.criteria.pydantic.less_than_equal": (
        "giá trị phải nhỏ hơn hoặc bằng {le}",
        "Input should be less than or equal to {le}",
    ),
    "errors.criteria.pydantic.too_short": (
        "{field_type} phải có ít nhất {min_length} {unit}, hiện có {actual_length}",
        "{field_type} should have at least {min_length} {unit} after validation, "
        "not {actual_length}",
    ),
    "errors.criteria.pydantic.too_long": (
        "{field_type} chỉ được có tối đa {max_length} {unit}, hiện có {actual_length}",
        "{field_type} should have at most {max_length} {unit} after validation, "
        "not {actual_length}",
    ),
    "errors.criteria.pydantic.dict_type": (
        "giá trị phải là tập hợp các cặp khóa: giá trị",
        "Input should be a valid dictionary",
    ),
    "errors.criteria.pydantic.list_type": (
        "giá trị phải là một danh sách (các dòng bắt đầu bằng '- ')",
        "Input should be a valid list",
    ),
    "errors.criteria.pydantic.model_type": (
        "giá trị phải là tập hợp các cặp khóa: giá trị ({class_name})",
        "Input should be a valid dictionary or instance of {class_name}",
    ),
    "errors.criteria.pydantic.model_attributes_type": (
        "giá trị phải là tập hợp các cặp khóa: giá trị",
        "Input should be a valid dictionary or object to extract fields from",
    ),
    "errors.criteria.pydantic.other": ("giá trị không hợp lệ: {detail}", "{detail}"),
    "errors.criteria.unit.character": ("ký tự", "character"),
    "errors.criteria.unit.characters": ("ký tự", "characters"),
    "errors.criteria.unit.item": ("phần tử", "item"),
    "errors.criteria.unit.items": ("phần tử", "items"),
    "errors.criteria.field_type.list": ("danh sách", "List"),
    "errors.criteria.field_type.dict": ("tập hợp khóa: giá trị", "Dictionary"),
    "errors.criteria.field_type.other": ("giá trị", "Value"),
    # --- criteria files: checks of criteria.model ------------------------------------------
    "errors.criteria.model.blank_header": (
        "tiêu đề cột không được để trống",
        "a header cannot be blank",
    ),
    "errors.criteria.model.pattern_too_long": (
        "mẫu (pattern) dài hơn {limit} ký tự",
        "pattern longer than {limit} characters",
    ),
    "errors.criteria.model.invalid_regex": (
        "biểu thức chính quy không hợp lệ: {detail}",
        "invalid regular expression: {detail}",
    ),
    "errors.criteria.model.nested_repeat": (
        "một nhóm được lặp lại chứa phép lặp có độ dài thay đổi hoặc các phương án thay thế, "
        "như (a+)+ hay (a|ab)*: mẫu như vậy có thể chạy hàng giờ trên một ô; hãy viết lại "
        "mẫu mà không lồng nhau",
        "a repeated group holds a repeat of varying length or alternatives, as in "
        "(a+)+ or (a|ab)*: such a pattern can take hours on one cell; write it "
        "without the nesting",
    ),
    "errors.criteria.model.choice_needs_choices": (
        "trường kiểu choice cần có khóa 'choices'",
        "a choice field needs 'choices'",
    ),
    "errors.criteria.model.choices_only_for_choice": (
        "khóa 'choices' chỉ dùng cho trường kiểu choice, không dùng cho kiểu {type}",
        "'choices' is only for choice fields, not {type}",
    ),
    "errors.criteria.model.min_max_only_numeric": (
        "khóa 'min'/'max' chỉ dùng cho trường kiểu number, integer và percent",
        "'min'/'max' are only for number, integer and percent fields",
    ),
    "errors.criteria.model.pattern_only_text": (
        "khóa 'pattern' chỉ dùng cho trường kiểu text và id",
        "'pattern' is only for text and id fields",
    ),
    "errors.criteria.model.min_above_max": (
        "'min' lớn hơn 'max'",
        "'min' is greater than 'max'",
    ),
    "errors.criteria.model.step_one_condition": (
        "mỗi bước cần đúng một trong các khóa at_least, above, at_most, below, equals",
        "a step needs exactly one of at_least, above, at_most, below, equals",
    ),
    "errors.criteria.model.linear_same_ends": (
        "zero_at và full_at phải khác nhau",
        "zero_at and full_at must differ",
    ),
    "errors.criteria.model.negative_points": (
        "điểm của '{name}' không được là số âm",
        "points for '{name}' must not be negative",
    ),
    "errors.criteria.model.one_rule": (
        "mỗi tiêu chí cần đúng một cách tính điểm trong số {names}; tệp ghi: {found}",
        "a criterion needs exactly one rule of {names}; found {found}",
    ),
    "errors.criteria.model.group_max_not_sum": (
        "điểm tối đa của nhóm là {max}, khác tổng điểm tối đa của các tiêu chí trong nhóm "
        "là {total}",
        "group max {max} differs from its criteria's sum {total}",
    ),
    "errors.criteria.model.group_min_above_max": (
        "điểm tối thiểu của nhóm là {min}, cao hơn điểm tối đa {total}",
        "group min {min} is above its max {total}",
    ),
    "errors.criteria.model.tier_condition": (
        "mỗi hạng cần có khóa 'top' hoặc 'min_total'",
        "a tier needs 'top' or 'min_total'",
    ),
    "errors.criteria.model.tie_break_syntax": (
        "khóa tie_break '{name}' phải có dạng 'TÊN asc' hoặc 'TÊN desc'",
        "tie_break key '{name}' must be 'NAME asc' or 'NAME desc'",
    ),
    "errors.criteria.model.invalid_name": (
        "'{name}' không phải là tên hợp lệ (chỉ gồm chữ thường không dấu, chữ số và _)",
        "'{name}' is not a valid name (lower-case letters, digits, _)",
    ),
    # --- criteria files: cross-references of criteria.references ---------------------------
    "errors.criteria.ref.reserved_name": (
        "'{name}' là tên dành riêng của chương trình",
        "'{name}' is a reserved name",
    ),
    "errors.criteria.ref.already_field": (
        "'{name}' đã là tên một trường",
        "'{name}' is already a field",
    ),
    "errors.criteria.ref.expression": ("biểu thức: {detail}", "expression: {detail}"),
    "errors.criteria.ref.later_derived": (
        "'{name}' được khai báo ở phía dưới trong derived; một giá trị tính toán chỉ được dùng "
        "các trường và các giá trị tính toán khai báo phía trên nó (hãy chuyển lên trên, và "
        "tránh phụ thuộc vòng)",
        "'{name}' is defined further down in derived; a derived value can only use fields "
        "and derived values above it (move it up, and avoid cycles)",
    ),
    "errors.criteria.ref.unknown_name": (
        "tên '{name}' không tồn tại (không phải trường hay giá trị tính toán){suggestion}",
        "unknown name '{name}' (not a field or derived value){suggestion}",
    ),
    "errors.criteria.ref.duplicate_id": (
        "mã '{id}' bị trùng (đã dùng tại {other})",
        "duplicate id '{id}' (also used by {other})",
    ),
    "errors.criteria.ref.duplicate_quota_id": (
        "mã '{id}' bị trùng",
        "duplicate id '{id}'",
    ),
    "errors.criteria.ref.not_numeric": (
        "'{name}' là trường kiểu {type}, không phải số",
        "'{name}' is a {type} field, not a number",
    ),
    "errors.criteria.ref.not_a_choice": (
        "'{name}' không phải là lựa chọn đã khai báo của '{field}' ({listed})",
        "'{name}' is not a declared choice of '{field}' ({listed})",
    ),
    "errors.criteria.ref.example_unknown_field": (
        "ví dụ '{example}': '{name}' không phải là trường đã khai báo trong fields{suggestion}",
        "example '{example}': '{name}' is not a field declared in fields{suggestion}",
    ),
    "errors.criteria.ref.example_unknown_gate": (
        "ví dụ '{example}': '{name}' không phải là mã điều kiện trong eligibility{suggestion}",
        "example '{example}': '{name}' is not a gate id of eligibility{suggestion}",
    ),
    "errors.criteria.ref.example_unknown_criterion": (
        "ví dụ '{example}': '{name}' không phải là mã tiêu chí{suggestion}",
        "example '{example}': '{name}' is not a criterion id{suggestion}",
    ),
    "errors.criteria.ref.example_unknown_group": (
        "ví dụ '{example}': '{name}' không phải là mã nhóm{suggestion}",
        "example '{example}': '{name}' is not a group id{suggestion}",
    ),
    "errors.criteria.ref.tie_break_unknown": (
        "khóa tie_break '{name}' không phải total, mã nhóm, mã tiêu chí hay tên trường",
        "tie_break key '{name}' is not total, a group, a criterion or a field",
    ),
    # --- criteria files: expressions (criteria.expressions) ------------------------------
    "errors.expression.empty": ("biểu thức rỗng", "empty expression"),
    "errors.expression.too_long": (
        "biểu thức dài hơn {limit} ký tự",
        "expression longer than {limit} characters",
    ),
    "errors.expression.syntax": ("lỗi cú pháp: {detail}", "syntax error: {detail}"),
    "errors.expression.too_deep": ("biểu thức lồng nhau quá sâu", "expression nested too deeply"),
    "errors.expression.not_allowed": (
        "không được dùng {what} ở đây",
        "'{what}' is not allowed here",
    ),
    "errors.expression.constant": (
        "không được dùng hằng {value}",
        "constant {value} is not allowed",
    ),
    "errors.expression.not_finite": ("số phải là số hữu hạn", "numbers must be finite"),
    "errors.expression.name": ("không được dùng tên '{name}'", "name '{name}' is not allowed"),
    "errors.expression.operator": ("không được dùng toán tử này", "operator not allowed"),
    "errors.expression.arithmetic": (
        "chỉ được dùng các phép tính + - * /",
        "only + - * / are allowed",
    ),
    "errors.expression.comparison": (
        "không được dùng phép so sánh này",
        "comparison not allowed",
    ),
    "errors.expression.plain_calls": (
        "chỉ được gọi hàm theo dạng đơn giản như max(a, b)",
        "only plain calls like max(a, b) are allowed",
    ),
    "errors.expression.unknown_function": (
        "không có hàm '{name}' (các hàm được dùng: {known})",
        "unknown function '{name}' (known: {known})",
    ),
    "errors.expression.arity": (
        "hàm {name}() nhận từ {low} đến {high} đối số",
        "{name}() takes {low} to {high} arguments",
    ),
    "errors.expression.present": (
        "hàm present() nhận đúng một tên trường",
        "present() takes one field name",
    ),
    "errors.expression.node.attribute": ("truy cập thuộc tính (a.b)", "attribute access (a.b)"),
    "errors.expression.node.subscript": ("lấy phần tử theo chỉ số (a[b])", "indexing (a[b])"),
    "errors.expression.node.lambda": ("hàm lambda", "lambda"),
    "errors.expression.node.dict": ("từ điển (dict)", "dictionaries"),
    "errors.expression.node.set": ("tập hợp", "sets"),
    "errors.expression.node.comprehension": ("biểu thức bao hàm (comprehension)", "comprehensions"),
    "errors.expression.node.starred": ("đối số dạng *", "*arguments"),
    "errors.expression.node.fstring": ("chuỗi định dạng f-string", "f-strings"),
    "errors.expression.node.walrus": ("phép gán :=", ":="),
    "errors.expression.node.await": ("lệnh await", "await"),
    # --- nomination files (io.formats, io.workbook, io.headers, io.nominations) ------------
    "errors.input.not_found": ("{path}: không tìm thấy tệp", "{path}: file not found"),
    "errors.input.is_folder": (
        "{path}: đây là thư mục, không phải tệp",
        "{path}: is a folder, not a file",
    ),
    "errors.input.empty": ("{path}: tệp rỗng (0 byte)", "{path}: file is empty (0 bytes)"),
    "errors.input.unreadable": (
        "{path}: không đọc được tệp ({reason})",
        "{path}: cannot read the file ({reason})",
    ),
    "errors.input.unknown_extension": (
        "{path}: không hỗ trợ loại tệp '{ext}'; các loại tệp được hỗ trợ: "
        ".xlsx .xlsm .xls .ods .csv",
        "{path}: unsupported file type '{ext}'; supported types: .xlsx .xlsm .xls .ods .csv",
    ),
    "errors.input.not_a_spreadsheet": (
        "{path}: không phải bảng tính: tệp chứa {what}, không phải {expected}",
        "{path}: not a spreadsheet: the file holds {what}, not {expected}",
    ),
    "errors.input.text_as_workbook": (
        "{path}: tệp chứa văn bản thuần, không phải sổ tính {ext}; nếu đây là tệp CSV, hãy đổi "
        "phần mở rộng thành .csv",
        "{path}: the file holds plain text, not a {ext} workbook; if it is CSV, rename it to .csv",
    ),
    "errors.input.html_as_xls": (
        "{path}: tệp là một trang web (HTML) mang phần mở rộng {ext}; hãy mở bằng Excel rồi lưu "
        "lại dưới dạng .xlsx",
        "{path}: the file is a web page (HTML) named {ext}; open it in Excel and save it as .xlsx",
    ),
    "errors.input.xml2003": (
        "{path}: tệp là bảng tính XML của Excel 2003; hãy mở bằng Excel rồi lưu lại dưới dạng "
        ".xlsx",
        "{path}: the file is an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx",
    ),
    "errors.input.password": (
        "{path}: sổ tính được bảo vệ bằng mật khẩu: hãy gỡ mật khẩu rồi thử lại",
        "{path}: password-protected workbook: remove the password and try again",
    ),
    "errors.input.damaged": (
        "{path}: tệp {fmt} bị hỏng hoặc không đầy đủ ({reason}); hãy mở bằng Excel hoặc "
        "LibreOffice rồi lưu lại",
        "{path}: damaged or incomplete {fmt} file ({reason}); "
        "open it in Excel or LibreOffice and save it again",
    ),
    "errors.input.zip_not_workbook": (
        "{path}: tệp nén ZIP này không phải sổ tính Excel hay OpenDocument",
        "{path}: ZIP archive that is not an Excel or OpenDocument workbook",
    ),
    "errors.input.xlsb": (
        "{path}: không hỗ trợ sổ tính nhị phân .xlsb; hãy lưu lại dưới dạng .xlsx",
        "{path}: binary .xlsb workbooks are not supported; save it as .xlsx",
    ),
    "errors.input.no_sheets": (
        "{path}: sổ tính không có trang tính nào",
        "{path}: the workbook has no worksheet",
    ),
    "errors.input.no_sheet": (
        "{path}: tệp không có trang tính nào",
        "{path}: the file has no sheet",
    ),
    "errors.input.unknown_sheet": (
        "{path}: không có trang tính tên '{sheet}'; các trang tính hiện có: {names}",
        "{path}: no sheet named '{sheet}'; sheets: {names}",
    ),
    "errors.input.sheet_index": (
        "{path}: không có trang tính số {index} (đánh số từ 0); các trang tính hiện có: {names}",
        "{path}: no sheet number {index} (counting from 0); sheets: {names}",
    ),
    "errors.input.unpacked_too_big": (
        "{path}: sổ tính khi giải nén lớn hơn {limit_mb} MB; từ chối đọc (có thể là bom nén)",
        "{path}: the workbook unpacks to more than {limit_mb} MB; refusing to read it (zip bomb?)",
    ),
    "errors.input.ratio_too_high": (
        "{path}: thành phần '{part}' có tỷ lệ nén {ratio}:1, vượt mức {limit}:1; từ chối đọc "
        "(có thể là bom nén)",
        "{path}: part '{part}' is compressed {ratio}:1, more than {limit}:1; "
        "refusing to read it (zip bomb?)",
    ),
    "errors.input.too_many_rows": (
        "{path}: trang tính '{sheet}' có {rows} dòng, vượt giới hạn {limit} dòng; có thể nâng "
        "giới hạn bằng --max-rows",
        "{path}: sheet '{sheet}' has {rows} rows, over the limit of {limit}; "
        "raise it with --max-rows",
    ),
    "errors.input.too_many_cells": (
        "{path}: trang tính '{sheet}' trải trên {cells} ô ({rows} dòng x {cols} cột), vượt giới "
        "hạn {limit} ô; có thể nâng giới hạn bằng --max-cells",
        "{path}: sheet '{sheet}' spans {cells} cells ({rows} rows x {cols} columns), "
        "over the limit of {limit}; raise it with --max-cells",
    ),
    "errors.input.csv_encoding": (
        "{path}: văn bản không theo bảng mã UTF-8 hay Windows-1258 (tiếng Việt); hãy lưu lại "
        "dưới dạng 'CSV UTF-8'",
        "{path}: the text is neither UTF-8 nor Windows-1258 (Vietnamese); "
        "save it again as 'CSV UTF-8'",
    ),
    "errors.input.csv_malformed": (
        "{path}: dòng {line}: CSV sai định dạng ({reason})",
        "{path}: line {line}: malformed CSV ({reason})",
    ),
    "errors.input.file_too_big": (
        "{path}: tệp có dung lượng {size_mb} MB, vượt giới hạn {limit_mb} MB; có thể nâng giới "
        "hạn bằng --max-file-size",
        "{path}: the file is {size_mb} MB, over the limit of {limit_mb} MB; "
        "raise it with --max-file-size",
    ),
    "errors.input.what.png": ("ảnh PNG", "a PNG image"),
    "errors.input.what.jpeg": ("ảnh JPEG", "a JPEG image"),
    "errors.input.what.gif": ("ảnh GIF", "a GIF image"),
    "errors.input.what.pdf": ("tài liệu PDF", "a PDF document"),
    "errors.input.what.rar": ("tệp nén RAR", "a RAR archive"),
    "errors.input.what.7z": ("tệp nén 7-Zip", "a 7-Zip archive"),
    "errors.input.what.text": ("văn bản thuần", "plain text"),
    "errors.input.what.binary": ("dữ liệu nhị phân", "binary data"),
    "errors.input.what.csv": ("văn bản CSV", "CSV text"),
    "errors.input.what.workbook": ("sổ tính {ext}", "a {ext} workbook"),
    "errors.input.missing_columns": (
        "{place}: {parts}; các tiêu đề tìm thấy: {found}",
        "{place}: {parts}; headers found: {found}",
    ),
    "errors.input.missing_column": (
        "không có cột cho trường bắt buộc '{field}' (tiêu đề được chấp nhận: {accepted})",
        "no column for required field '{field}' (headers: {accepted})",
    ),
    "errors.input.missing_column_closest": (
        '{part}; tiêu đề gần giống nhất: "{suggestion}"',
        '{part}; closest found: "{suggestion}"',
    ),
    "errors.input.headers_none": ("không có", "none"),
    "errors.input.headers_more": (
        "{shown}, … (và {count} tiêu đề khác)",
        "{shown}, … ({count} more)",
    ),
    "errors.input.choose_sheet": (
        "không trang tính nào có đủ các cột bắt buộc; hãy chọn trang tính bằng --sheet",
        "no sheet has every required column; choose one with --sheet",
    ),
    # --- commands ------------------------------------------------------------------------
    "errors.check.one_criteria": (
        "khi kiểm tra hồ sơ chỉ được đưa một tệp tiêu chí (đã đưa {count}: {files})",
        "give one criteria file when checking nominations (got {count}: {files})",
    ),
    "errors.explain.no_product": (
        "không có sản phẩm mã '{id}' trong danh sách hồ sơ",
        "no product with id '{id}' in the nominations",
    ),
    "errors.explain.did_you_mean": (
        "có phải là '{suggestion}'?",
        "did you mean '{suggestion}'?",
    ),
    # --- outputs -------------------------------------------------------------------------
    "errors.output.xlsx_to_stdout": (
        "-o -: không thể ghi sổ tính Excel ra màn hình; hãy dùng --format json hoặc csv",
        "-o -: an Excel workbook cannot be written to the terminal; use --format json or csv",
    ),
    "errors.output.unknown_format": (
        "định dạng '{fmt}' không được hỗ trợ (dùng xlsx, json hoặc csv)",
        "unknown format '{fmt}' (use xlsx, json or csv)",
    ),
    "errors.output.cannot_write": (
        "{path}: không ghi được tệp kết quả ({reason}); chưa có gì được ghi",
        "{path}: cannot write the output ({reason}); nothing was written",
    ),
    "errors.output.too_many_rows": (
        "{path}: trang '{sheet}' sẽ có {rows} dòng, quá {limit} dòng tối đa của một trang Excel;"
        " hãy xuất kết quả dạng --format json hoặc csv; chưa có gì được ghi",
        "{path}: sheet '{sheet}' would have {rows} rows, more than the {limit} of an Excel sheet;"
        " write the result with --format json or csv; nothing was written",
    ),
    "errors.output.in_use": (
        "{path}: không thay được tệp kết quả cũ ({reason}); nếu tệp đang mở trong Excel, hãy đóng"
        " lại rồi chạy lại; chưa có gì được ghi",
        "{path}: cannot replace the existing output ({reason}); if it is open in Excel, close it"
        " and run again; nothing was written",
    ),
    "errors.output.xlsx_failed": (
        "{path}: không ghi được sổ tính Excel ({reason})",
        "{path}: {reason}",
    ),
    # --- the operating system's reasons (i18n.os_reason); English as the C library says it -
    "errors.os.denied": ("không có quyền truy cập", "Permission denied"),
    "errors.os.not_found": ("không tìm thấy tệp hay thư mục", "No such file or directory"),
    "errors.os.is_folder": ("đây là một thư mục", "Is a directory"),
    "errors.os.not_folder": ("một phần của đường dẫn không phải thư mục", "Not a directory"),
    "errors.os.disk_full": ("ổ đĩa đã đầy", "No space left on device"),
    "errors.os.read_only": ("ổ đĩa chỉ cho phép đọc", "Read-only file system"),
    "errors.os.name_too_long": ("tên tệp quá dài", "File name too long"),
    "errors.os.busy": ("tệp đang bị chương trình khác sử dụng", "Device or resource busy"),
    "errors.os.quota": ("đã hết dung lượng được cấp", "Disk quota exceeded"),
}
