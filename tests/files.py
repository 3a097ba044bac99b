"""Real small files of the binary formats kg reads, made in the tests: a PDF written object by object (text in
the standard Helvetica font, one content stream per page) and a DOCX made by python-docx."""

from __future__ import annotations

from pathlib import Path


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_bytes(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A PDF with one page per item of `pages`, each line of it a line of text."""
    kids = [4 + 2 * i for i in range(len(pages))]
    objects = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(pages)} >>",
        3: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for i, lines in enumerate(pages):
        content = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"{_pdf_string(line)} Tj T*" for line in lines) + " ET"
        objects[4 + 2 * i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                              f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects[5 + 2 * i] = f"<< /Length {len(content)} >>\nstream\n{content}\nendstream"
    info = ""
    if title:
        objects[len(objects) + 1] = f"<< /Title {_pdf_string(title)} >>"
        info = f" /Info {len(objects)} 0 R"
    out = b"%PDF-1.4\n"
    offsets = []
    for number in sorted(objects):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{objects[number]}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def write_pdf(path: Path, pages: list[list[str]], *, title: str | None = None) -> Path:
    path.write_bytes(pdf_bytes(pages, title=title))
    return path


def write_docx(path: Path, paragraphs: list[str], *, title: str | None = None,
               table: list[list[str]] | None = None) -> Path:
    """A DOCX of a heading (the title, when given), the paragraphs, then a table of the given rows."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
        document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path
