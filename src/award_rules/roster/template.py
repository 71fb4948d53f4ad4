"""An empty roster workbook: the sheets with their headers, instructions, data validation."""

from __future__ import annotations

from pathlib import Path

from .sheets import SHEETS
from .tables import column_letter

__all__ = ["write_template"]

INSTRUCTIONS = (
    "Hướng dẫn / Instructions",
    "",
    "Mỗi sheet là một loại hồ sơ; các sheet hồ sơ nối với cán bộ (staff) hoặc đơn vị (units)"
    " qua cột nominee_id.",
    "One sheet per kind of record; the record sheets join staff or units by nominee_id.",
    "Ngày: ô kiểu ngày của Excel hoặc văn bản dd/mm/yyyy. Dates: Excel dates or dd/mm/yyyy text.",
    "Tiêu đề cột: tiếng Việt, tiếng Anh (khóa trong ngoặc), hoặc cả hai."
    " Headers: Vietnamese, English (the key in brackets), or both.",
    "Cột có danh sách chọn chỉ nhận các giá trị trong danh sách."
    " Columns with a drop-down take only its values.",
    "Thông tin riêng của hệ thống (extensions): thêm cột tiêu đề extensions.KHÓA vào sheet"
    " staff hoặc units. A host's own facts (extensions): add a column headed extensions.KEY"
    " to staff or units; the key must be one the criteria's checks declare.",
    "",
)

VALIDATED_ROWS = 5000
"""Rows below the header that carry the data validation."""


def write_template(path: Path | str) -> Path:
    """Write the empty roster workbook to ``path`` (``.xlsx``); returns the path."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    target = Path(path)
    workbook = openpyxl.Workbook()
    guide = workbook.active
    guide.title = "instructions"
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True)
    guide.append(["sheet", "Tên sheet", "column", "Cột", "type", "values", "required"])
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.name)
        ws.append([column.header for column in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, column in enumerate(sheet.columns, start=1):
            letter = column_letter(i)
            ws.column_dimensions[letter].width = max(14, len(column.header) + 2)
            values = ""
            if column.enum is not None:
                values = ",".join(member.value for member in column.enum)
            elif column.kind == "bool":
                values = "yes,no"
            if values:
                rule = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
                rule.error = f"{column.key}: {values}"
                rule.showErrorMessage = True
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            guide.append(
                [
                    sheet.name,
                    sheet.vi,
                    column.key,
                    column.vi,
                    column.kind,
                    values,
                    "yes" if column.required else "",
                ]
            )
    workbook.save(target)
    return target
