"""Per-user storage for the web app: accounts, saved profiles, plans and reviews.

SQLite by default (``settings.database_url()``), PostgreSQL when
``SMARTPICK_DATABASE_URL`` names one. These tables are separate from the program
catalog's (own metadata, names prefixed ``web_``). Every read is scoped to a user:
another user's item is :class:`~smartpick.errors.NotFoundError` (HTTP 404), exactly
as if it did not exist. Passwords are hashed with Argon2 (argon2-cffi).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    String,
    Text,
    create_engine,
    delete,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from ..errors import InputError, NotFoundError
from ..settings import database_url

ItemKind = Literal["profile", "plan", "review", "season"]
LOCAL_USER = "local"
MAX_NAME_CHARS = 200
SESSION_SECONDS = 8 * 3600  # as long as the session cookie (web/app.py)


class AuthenticationError(InputError):
    """Wrong user name or password (the message never says which)."""

    http_status = 401


class Base(DeclarativeBase):
    """Metadata of the web tables only (the catalog keeps its own)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UserRow(Base):
    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ItemRow(Base):
    """A saved profile (YAML text), plan or review (JSON result), owned by one user."""

    __tablename__ = "web_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_CHARS))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SessionRow(Base):
    """A login: only the SHA-256 of its token is kept; logout or expiry ends it here, so a
    copied cookie stops working at once (the signed cookie alone cannot be revoked)."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[int] = mapped_column(BigInteger)  # seconds since the epoch (UTC)


class LoginFailureRow(Base):
    """A failed login, counted per key (the SHA-256 of ``user:NAME`` or ``addr:IP``) by every
    server process alike (web/throttle.py)."""

    __tablename__ = "web_login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[float] = mapped_column(Float)  # seconds since the epoch (UTC)


@dataclass(frozen=True)
class User:
    id: int
    username: str


@dataclass(frozen=True)
class SavedItem:
    id: int
    kind: str
    name: str
    content: str
    created_at: dt.datetime


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _item(row: ItemRow) -> SavedItem:
    return SavedItem(row.id, row.kind, row.name, row.content, row.created_at)


TABLE_CREATION_ATTEMPTS = 8


def _engine(url: str) -> Engine:
    """An engine; SQLite waits for a lock (several server processes) instead of failing."""
    if url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, connect_args={"timeout": 30})
    return create_engine(url, pool_pre_ping=True)


def _create_tables(engine: Engine) -> None:
    """Create missing tables; a concurrent process creating them first is not an error."""
    for attempt in range(TABLE_CREATION_ATTEMPTS):
        try:
            Base.metadata.create_all(engine)
            return
        except (OperationalError, ProgrammingError, IntegrityError):
            if attempt == TABLE_CREATION_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))  # another process is creating them: check again


class Store:
    """Accounts and per-user items in one database (created on first use)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine: Engine = _engine(self.url)
        _create_tables(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def create_user(self, username: str, password: str) -> User:
        username = _check_username(username)
        if len(password) < 8:
            raise InputError("password must have at least 8 characters", path="password")
        with self._session.begin() as session:
            if _find_user(session, username) is not None:
                raise InputError("that user name is taken", path="username")
            row = UserRow(username=username, password_hash=_hasher().hash(password))
            session.add(row)
            session.flush()
            return User(row.id, row.username)

    def authenticate(self, username: str, password: str) -> User:
        from argon2.exceptions import InvalidHashError, VerificationError

        with self._session() as session:
            row = _find_user(session, username.strip())
            if row is None:
                _hasher().hash(password)  # same cost whether or not the user exists
                raise AuthenticationError("wrong user name or password")
            try:
                _hasher().verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                raise AuthenticationError("wrong user name or password") from None
            return User(row.id, row.username)

    def local_user(self) -> User:
        """The one implicit account of single-user (local) mode."""
        try:
            with self._session.begin() as session:
                row = _find_user(session, LOCAL_USER)
                if row is None:
                    row = UserRow(username=LOCAL_USER, password_hash="!")  # cannot log in
                    session.add(row)
                    session.flush()
                return User(row.id, row.username)
        except IntegrityError:  # another server process created it first
            with self._session() as session:
                found = _find_user(session, LOCAL_USER)
                assert found is not None
                return User(found.id, found.username)

    def open_session(self, user: User) -> str:
        """A new login's token (kept only as its hash), valid for ``SESSION_SECONDS``."""
        token = secrets.token_urlsafe(32)
        expires = int(time.time()) + SESSION_SECONDS
        with self._session.begin() as session:
            session.add(SessionRow(token_hash=_digest(token), user_id=user.id, expires_at=expires))
        return token

    def session_user(self, token: str) -> User | None:
        """The user of a live login, or None (unknown, ended or expired)."""
        with self._session() as session:
            row = session.get(SessionRow, _digest(token))
            if row is None or row.expires_at <= time.time():
                return None
            user = session.get(UserRow, row.user_id)
            return None if user is None else User(user.id, user.username)

    def close_session(self, token: str) -> None:
        with self._session.begin() as session:
            row = session.get(SessionRow, _digest(token))
            if row is not None:
                session.delete(row)

    def login_failures(self, keys: list[str], since: float) -> list[tuple[int, float]]:
        """Per key: how many logins failed after ``since`` and when the oldest of them did."""
        hashes = [_digest(k) for k in keys]
        query = (
            select(LoginFailureRow.key_hash, func.count(), func.min(LoginFailureRow.at))
            .where(LoginFailureRow.key_hash.in_(hashes), LoginFailureRow.at > since)
            .group_by(LoginFailureRow.key_hash)
        )
        with self._session() as session:
            found = {h: (int(n), float(oldest)) for h, n, oldest in session.execute(query)}
        return [found.get(h, (0, 0.0)) for h in hashes]

    def add_login_failure(self, keys: list[str], at: float, forget_before: float) -> None:
        """Record a failed login under each key; failures older than ``forget_before`` go."""
        with self._session.begin() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.at <= forget_before))
            session.add_all(LoginFailureRow(key_hash=_digest(k), at=at) for k in keys)

    def clear_login_failures(self, keys: list[str]) -> None:
        hashes = [_digest(k) for k in keys]
        with self._session.begin() as session:
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.key_hash.in_(hashes)))

    def save(self, user: User, kind: ItemKind, name: str, content: str) -> SavedItem:
        with self._session.begin() as session:
            row = ItemRow(user_id=user.id, kind=kind, name=name[:MAX_NAME_CHARS], content=content)
            session.add(row)
            session.flush()
            return _item(row)

    def get(self, user: User, kind: ItemKind, item_id: int) -> SavedItem:
        _check_id(kind, item_id)
        with self._session() as session:
            row = session.get(ItemRow, item_id)
            if row is None or row.user_id != user.id or row.kind != kind:
                raise NotFoundError(f"no saved {kind} with id {item_id}", path="id")
            return _item(row)

    def list_items(self, user: User, kind: ItemKind) -> list[SavedItem]:
        query = (
            select(ItemRow)
            .where(ItemRow.user_id == user.id, ItemRow.kind == kind)
            .order_by(ItemRow.id.desc())
        )
        with self._session() as session:
            return [_item(row) for row in session.scalars(query)]

    def delete(self, user: User, kind: ItemKind, item_id: int) -> None:
        _check_id(kind, item_id)
        with self._session.begin() as session:
            row = session.get(ItemRow, item_id)
            if row is None or row.user_id != user.id or row.kind != kind:
                raise NotFoundError(f"no saved {kind} with id {item_id}", path="id")
            session.delete(row)


def _find_user(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def _check_username(username: str) -> str:
    username = username.strip()
    if not (3 <= len(username) <= 80) or not all(c.isalnum() or c in "._-@" for c in username):
        raise InputError(
            "user name must be 3 to 80 letters, digits or . _ - @",
            path="username",
        )
    if username == LOCAL_USER:
        raise InputError("that user name is reserved", path="username")
    return username


MAX_ID = 2**63 - 1  # the largest id a BIGINT (PostgreSQL) or INTEGER (SQLite) holds


def _check_id(kind: str, item_id: int) -> None:
    """An id no database can hold is an id that does not exist (404, not an overflow)."""
    if not 0 < item_id <= MAX_ID:
        raise NotFoundError(f"no saved {kind} with id {item_id}", path="id")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
