"""Catalog tables (SQLAlchemy 2) and their numbered migrations.

The schema version lives in ``catalog_meta``; :func:`migrate` applies every
migration above it in order, each in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Connection,
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    __tablename__ = "catalog_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class ProgramRow(Base):
    __tablename__ = "catalog_programs"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    institution_code: Mapped[str] = mapped_column(String(8))
    institution: Mapped[str] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2), index=True)
    specialty: Mapped[str] = mapped_column(String(80), index=True)
    track: Mapped[str] = mapped_column(String(1))
    track_name: Mapped[str] = mapped_column(String(120))
    location_method: Mapped[str] = mapped_column(Text)
    location_score: Mapped[float | None] = mapped_column(Float)


class AttributeRow(Base):
    __tablename__ = "catalog_attributes"
    code: Mapped[str] = mapped_column(ForeignKey("catalog_programs.code"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON text of the typed value (or record)
    origin: Mapped[str] = mapped_column(String(16))  # shipped | import | edit
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(32))
    grain: Mapped[str | None] = mapped_column(String(80))  # None: one value per track


class RateJoinRow(Base):
    __tablename__ = "catalog_rate_joins"
    line: Mapped[int] = mapped_column(Integer, primary_key=True)  # line in the source CSV
    specialty: Mapped[str] = mapped_column(String(80), index=True)
    program_name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(2))
    institution_code: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # joined | ambiguous | unmatched | conflict
    method: Mapped[str] = mapped_column(Text)  # how it was joined, in words (up to ~70 chars)
    score: Mapped[float | None] = mapped_column(Float)


def _migration_1(conn: Connection) -> None:
    Base.metadata.create_all(
        conn,
        tables=[t.__table__ for t in (MetaRow, ProgramRow, AttributeRow)],  # type: ignore[misc]
    )


def _migration_2(conn: Connection) -> None:
    Base.metadata.create_all(conn, tables=[RateJoinRow.__table__])  # type: ignore[list-item]


def _migration_3(conn: Connection) -> None:
    """Attributes get a grain; values and sources become unbounded text (records)."""
    columns = {c["name"] for c in inspect(conn).get_columns(AttributeRow.__tablename__)}
    if "grain" not in columns:
        conn.exec_driver_sql("ALTER TABLE catalog_attributes ADD COLUMN grain VARCHAR(80)")
    if conn.dialect.name != "sqlite":  # SQLite does not enforce VARCHAR lengths
        for column in ("value", "source"):
            conn.exec_driver_sql(f"ALTER TABLE catalog_attributes ALTER COLUMN {column} TYPE TEXT")


def _migration_4(conn: Connection) -> None:
    """How a rate was joined and how a program was located become unbounded text: the
    longest join method is 66 characters, which PostgreSQL refused in a VARCHAR(60)."""
    if conn.dialect.name != "sqlite":  # SQLite does not enforce VARCHAR lengths
        conn.exec_driver_sql("ALTER TABLE catalog_rate_joins ALTER COLUMN method TYPE TEXT")
        conn.exec_driver_sql("ALTER TABLE catalog_programs ALTER COLUMN location_method TYPE TEXT")


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
)


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_connect)
    return engine


def get_meta(conn: Connection, key: str) -> str | None:
    if not inspect(conn).has_table(MetaRow.__tablename__):
        return None
    return conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar_one_or_none()


def set_meta(conn: Connection, key: str, value: str) -> None:
    table = MetaRow.__table__
    conn.execute(table.delete().where(table.c.key == key))  # type: ignore[attr-defined]
    conn.execute(table.insert().values(key=key, value=value))  # type: ignore[attr-defined]


def migrate(engine: Engine) -> int:
    """Apply the migrations this database lacks; return the schema version."""
    with engine.begin() as conn:
        current = int(get_meta(conn, "schema_version") or 0)
    for number, step in enumerate(MIGRATIONS, start=1):
        if number > current:
            with engine.begin() as conn:
                step(conn)
                set_meta(conn, "schema_version", str(number))
    return len(MIGRATIONS)


BUILD_LOCK_SECONDS = 600.0  # a first build takes seconds; a process waiting longer says so
_ADVISORY_KEY = 0x736D_7063  # PostgreSQL advisory lock id of the catalog's build ("smpc")


@contextmanager
def build_lock(engine: Engine) -> Iterator[None]:
    """Held while one process migrates and builds the catalog: every other process that
    finds it unbuilt waits here, then finds it built (no two create the same tables). A
    SQLite file: a lock file beside it; PostgreSQL: a session advisory lock; else none."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_KEY})
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    from filelock import FileLock, Timeout

    from ..errors import StorageError

    try:
        with FileLock(f"{database}.lock", timeout=BUILD_LOCK_SECONDS):
            yield
    except Timeout:
        raise StorageError(
            "the catalog is being built by another smartpick process, which takes too long",
            hint="stop the other process, or remove the .lock file beside the catalog database",
        ) from None
