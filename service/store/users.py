"""Accounts: staff bound to one municipality, municipal administrators, county administrators.
Passwords are hashed with Argon2id; a hash is never shown or logged."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update

from ..i18n.markers import S_
from ..i18n.refusal import Refusal
from .database import Database, as_utc, utcnow
from .tables import password_resets, users

MIN_PASSWORD = 12
MAX_PASSWORD = 256
RESET_HOURS = 72  # a one-time link lasts over a weekend


class Role(StrEnum):
    staff = "staff"
    municipal_admin = "municipal_admin"
    county_admin = "county_admin"
    translator = "translator"  # reviews one or more languages, and touches nothing else


class AccountProblem(Refusal):
    """A named field of an account is not acceptable; the message says why."""

    def __init__(self, field: str, message: str, **values: object):
        self.field = field
        super().__init__(message, **values)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    municipality: str | None
    active: bool
    languages: tuple[str, ...] = ()  # a translator's languages
    full_name: str | None = None  # as a review records it
    authorization: str | None = None  # a translator's authorization number, where they have one
    password_changed_at: datetime | None = None  # sessions started before it are over

    @property
    def is_translator(self) -> bool:
        return self.role == Role.translator

    @property
    def is_county(self) -> bool:
        return self.role == Role.county_admin

    @property
    def is_admin(self) -> bool:
        return self.role in (Role.municipal_admin, Role.county_admin)


def password_problem(password: str, username: str = "") -> str | None:
    if len(password) < MIN_PASSWORD:
        return S_("Lösenordet behöver minst 12 tecken.")
    if len(password) > MAX_PASSWORD:
        return S_("Lösenordet får ha högst 256 tecken.")
    if username and username.lower() in password.lower():
        return S_("Lösenordet får inte innehålla användarnamnet.")
    return None


_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,119}")


def account_name(text: str) -> str:
    """A user name as accounts are kept and logins counted: compatibility forms folded (NFKC:
    a full-width "ｌ" is "l"), case folded, spaces around it dropped — so "Lena.County " and
    "lena.county" are one account and one count of guesses."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).strip()[:120]


class Users:
    def __init__(self, db: Database):
        self.db = db
        self.hasher = PasswordHasher()
        # verified against when the user name is unknown, so both cases take the same time
        self._dummy = self.hasher.hash("not a password of anyone")

    @staticmethod
    def _user(row) -> User:
        changed = as_utc(row.password_changed_at) if row.password_changed_at else None
        return User(row.id, row.username, Role(row.role), row.municipality, row.active,
                    tuple(c for c in (row.languages or "").split(",") if c), row.full_name, row.authorization,
                    changed)

    def add(self, username: str, password: str, role: Role | str, municipality: str | None,
            created_by: int | None = None, languages: tuple[str, ...] = (), full_name: str = "",
            authorization: str = "") -> User:
        username = account_name(username)
        role = Role(role)
        if not _USERNAME.fullmatch(username):
            raise AccountProblem("username", S_("Användarnamnet ska ha 2–120 tecken: a–z, siffror och . _ @ + -"))
        problem = password_problem(password, username)
        if problem:
            raise AccountProblem("password", problem)
        full_name, authorization = " ".join(full_name.split())[:120], authorization.strip()[:40]
        if role == Role.translator:
            if not languages:
                raise AccountProblem("languages", S_("Välj minst ett språk för översättaren."))
            if len(full_name) < 2:
                raise AccountProblem("full_name", S_("Skriv översättarens namn: det står vid varje granskad text."))
            if authorization and not re.fullmatch(r"[A-Za-z0-9 ./-]{1,40}", authorization):
                raise AccountProblem("authorization", S_("Auktorisationsnumret får ha siffror, bokstäver och . / -"))
            municipality = None
        elif role == Role.county_admin:
            if municipality:
                raise AccountProblem("municipality", S_("En länsadministratör hör inte till någon kommun."))
        elif not (municipality and re.fullmatch(r"\d{4}", municipality)):
            raise AccountProblem("municipality", S_("Personal och kommunadministratörer hör till en kommun."))
        with self.db.begin() as connection:
            if connection.execute(select(users.c.id).where(users.c.username == username)).first():
                raise AccountProblem("username", S_("Det finns redan ett konto med det användarnamnet."))
            new_id = connection.execute(insert(users).values(
                username=username, password_hash=self.hasher.hash(password), role=role.value,
                municipality=municipality or None, active=True, created_at=utcnow(), created_by=created_by,
                languages=",".join(languages) if role == Role.translator else None,
                full_name=full_name or None, authorization=authorization or None,
            )).inserted_primary_key[0]
        return self.get(new_id)

    def get(self, user_id: int) -> User | None:
        with self.db.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.id == user_id)).first()
        return self._user(row) if row else None

    def named(self, username: str) -> User | None:
        with self.db.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.username == account_name(username))).first()
        return self._user(row) if row else None

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user with this name and password, or None (in the same time either way)."""
        with self.db.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.username == account_name(username))).first()
        try:
            self.hasher.verify(row.password_hash if row else self._dummy, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        if self.hasher.check_needs_rehash(row.password_hash):
            with self.db.begin() as connection:
                connection.execute(update(users).where(users.c.id == row.id)
                                   .values(password_hash=self.hasher.hash(password)))
        return self._user(row)

    def list(self, municipality: str | None = None) -> list[User]:
        query = select(users).order_by(users.c.municipality, users.c.role, users.c.username)
        if municipality:
            query = query.where(users.c.municipality == municipality)
        with self.db.engine.connect() as connection:
            return [self._user(row) for row in connection.execute(query)]

    def set_active(self, user_id: int, active: bool) -> None:
        """Deactivation ends the account's sessions for good: they are marked over as a new
        password marks them (``password_changed_at``: sessions started before it are over), so
        reactivating the account does not bring them back."""
        values = {"active": active} if active else {"active": False, "password_changed_at": utcnow()}
        with self.db.begin() as connection:
            connection.execute(update(users).where(users.c.id == user_id).values(**values))

    # passwords

    def set_password(self, user_id: int, password: str) -> User:
        """A new password (a reset, or the command line); every session started before ends."""
        user = self.get(user_id)
        if user is None:
            raise LookupError(user_id)
        problem = password_problem(password, user.username)
        if problem:
            raise AccountProblem("password", problem)
        with self.db.begin() as connection:
            connection.execute(update(users).where(users.c.id == user_id).values(
                password_hash=self.hasher.hash(password), password_changed_at=utcnow()))
            connection.execute(delete(password_resets).where(password_resets.c.user_id == user_id))
        return self.get(user_id)

    def change_password(self, user_id: int, current: str, new: str, repeated: str) -> User:
        """One's own password: the current one first, the new one twice."""
        user = self.get(user_id)
        if user is None or self.authenticate(user.username, current) is None:
            raise AccountProblem("current", S_("Det nuvarande lösenordet stämmer inte. Skriv det lösenord du loggade "
                                               "in med."))
        if new != repeated:
            raise AccountProblem("repeated", S_("Det nya lösenordet är inte likadant båda gångerna. Skriv det igen i "
                                                "båda fälten."))
        if new == current:
            raise AccountProblem("new", S_("Det nya lösenordet är samma som det gamla. Välj ett annat."))
        return self.set_password(user_id, new)

    def reset_link(self, user_id: int, created_by: int | None) -> str:
        """A token for a one-time link to set a new password, valid for RESET_HOURS; earlier
        links of the account stop working. Only its hash is stored: the link is shown once."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self.db.begin() as connection:
            connection.execute(delete(password_resets).where(password_resets.c.user_id == user_id))
            connection.execute(insert(password_resets).values(
                token_hash=_token_hash(token), user_id=user_id, created_by=created_by, created_at=now,
                expires_at=now + timedelta(hours=RESET_HOURS)))
        return token

    def reset_for(self, token: str) -> User | None:
        """The active account a one-time link is for, while it is valid and unused."""
        with self.db.engine.connect() as connection:
            row = connection.execute(select(password_resets).where(
                password_resets.c.token_hash == _token_hash(token))).first()
        if row is None or row.used_at is not None or as_utc(row.expires_at) < utcnow():
            return None
        user = self.get(row.user_id)
        return user if user and user.active else None

    def redeem(self, token: str, new: str, repeated: str) -> User:
        """Set the password of a one-time link's account; the link is used up."""
        user = self.reset_for(token)
        if user is None:
            raise AccountProblem("token", S_("Länken fungerar inte längre: den har redan använts eller är äldre än "
                                             "{hours} timmar. Be din administratör om en ny."), hours=RESET_HOURS)
        if new != repeated:
            raise AccountProblem("repeated", S_("Det nya lösenordet är inte likadant båda gångerna. Skriv det igen i "
                                                "båda fälten."))
        return self.set_password(user.id, new)  # removes the account's links, this one too

    # the generator's last choices

    def choices(self, user_id: int) -> dict:
        with self.db.engine.connect() as connection:
            raw = connection.execute(select(users.c.choices).where(users.c.id == user_id)).scalar()
        try:
            found = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def remember_choices(self, user_id: int, choices: dict) -> None:
        with self.db.begin() as connection:
            connection.execute(update(users).where(users.c.id == user_id)
                               .values(choices=json.dumps(choices, ensure_ascii=False)))

    def count(self) -> int:
        with self.db.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(users)).scalar_one()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
