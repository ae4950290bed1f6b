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
    var_dir: Path
    retention_months: int = 24
    redis_url: str = ""  # sessions and login limits shared by every instance
    redis_namespace: str = "infogen"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        root = Path(env.get("INFOGEN_ROOT", ROOT))
        var = Path(env.get("INFOGEN_VAR_DIR", root / "var"))
        return cls(
            database_url=env.get("INFOGEN_DATABASE_URL", f"sqlite:///{var / 'infogen.sqlite3'}"),
            base_url=env.get("INFOGEN_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            secret_key=env.get("INFOGEN_SECRET_KEY", ""),
            data_dir=Path(env.get("INFOGEN_DATA_DIR", root / "municipalities")),
            locales_dir=root / "locales",
            fonts_dir=root / "fonts",
            templates_dir=root / "templates",
            static_dir=root / "static",
            var_dir=var,
            retention_months=_whole_number(env, "INFOGEN_RETENTION_MONTHS", 24),
            redis_url=env.get("INFOGEN_REDIS_URL", ""),
            redis_namespace=env.get("INFOGEN_REDIS_NAMESPACE", "infogen"),
        )

    @property
    def secure_cookies(self) -> bool:
        """Cookies marked Secure (and ``__Host-``) whenever the public address is https."""
        return self.base_url.startswith("https://")

    def secret(self) -> str:
        """INFOGEN_SECRET_KEY, or one made once and kept in var/ (so restarts keep sessions valid)."""
        if self.secret_key:
            return self.secret_key
        path = self.var_dir / "secret_key"
        if not path.exists():
            import secrets

            self.var_dir.mkdir(parents=True, exist_ok=True)
            # written aside and linked into place: a worker starting at the same moment reads
            # either nothing (and makes its own attempt) or the whole key, never half of it
            temporary = path.with_name(f".secret_key.{os.getpid()}")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            finally:
                temporary.unlink()
        return path.read_text().strip()


def _whole_number(env, name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise SystemExit(f"{name}: expected a whole number of months (0 keeps raw events forever), got {text!r}")
    return int(text)
