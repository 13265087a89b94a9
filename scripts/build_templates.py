"""Regenerate the shipped templates from code: ``templates/xlsx/填报表.xlsx``."""

from pathlib import Path

from reporter.forms.master import master_bytes
from reporter.forms.schema import MASTER_NAME

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    target = ROOT / "templates" / "xlsx" / MASTER_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(master_bytes())
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
