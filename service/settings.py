"""Settings: one typed object, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    base_url: str
    secret_key: str
    data_dir: Path
    locales_dir: Path
    fonts_dir: Path
    templates_dir: Path
    static_dir: Path

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        root = Path(env.get("INFOGEN_ROOT", ROOT))
        return cls(
            database_url=env.get("INFOGEN_DATABASE_URL", f"sqlite:///{root / 'var' / 'infogen.sqlite3'}"),
            base_url=env.get("INFOGEN_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            secret_key=env.get("INFOGEN_SECRET_KEY", ""),
            data_dir=Path(env.get("INFOGEN_DATA_DIR", root / "municipalities")),
            locales_dir=root / "locales",
            fonts_dir=root / "fonts",
            templates_dir=root / "templates",
            static_dir=root / "static",
        )
