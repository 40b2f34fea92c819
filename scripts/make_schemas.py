"""Regenerate the JSON Schemas of rule files and case files (schemas/) from the models.

    python scripts/make_schemas.py          # write schemas/*.schema.json
    python scripts/make_schemas.py --check  # exit 1 if a checked-in schema is out of date

Run it after changing scoring/rules/schema.py or scoring/cases/model.py and commit the result;
tests/test_schemas.py fails until the schemas match the models.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.schemas import dumps, schemas  # noqa: E402

FOLDER = ROOT / "schemas"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, schema in schemas().items():
        path = FOLDER / name
        text = dumps(schema)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not check:
            FOLDER.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if check and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) + " (run python scripts/make_schemas.py)")
        return 1
    if not stale:
        print("schemas are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
