"""Write the checked-in password-protected workbook of tests/test_bad_inputs.py.

CI has no encryption library, so the file is made here once and kept in git:

    pip install msoffcrypto-tool openpyxl && python tests/data/bad/make_encrypted.py

The workbook holds one nomination of tests/data/criteria/issue-example.yaml and is
encrypted (ECMA-376 agile encryption, as Excel's "Encrypt with Password") with the
password ``chuluc``. Office stores it as an OLE2 compound file, not a zip.
"""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).parent
TARGET = HERE / "encrypted.xlsx"
PASSWORD = "chuluc"


def main() -> None:
    """Build the plain workbook in memory, encrypt it and write TARGET."""
    import msoffcrypto  # only needed to regenerate the fixture
    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã hồ sơ", "Tên sản phẩm", "Tên doanh nghiệp"])
    sheet.append(["SP01", "Máy biến áp", "Công ty A"])
    plain = io.BytesIO()
    book.save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt(PASSWORD, encrypted)
    TARGET.write_bytes(encrypted.getvalue())
    assert msoffcrypto.OfficeFile(io.BytesIO(TARGET.read_bytes())).is_encrypted()


if __name__ == "__main__":
    main()
