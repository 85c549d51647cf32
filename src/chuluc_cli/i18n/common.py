"""Messages shared by several parts: KEY -> (Vietnamese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "common.yes": ("Có", "Yes"),
    "common.no": ("Không", "No"),
    "common.no_data": ("không có dữ liệu: {name}", "no data: {name}"),
}
