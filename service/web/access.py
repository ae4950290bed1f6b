"""Who may do what: the rules in one place, each a plain function the handlers call.

A person sees and changes only their own municipality; the county administrator sees all
and keeps the regional actors. A translator reviews their languages and touches nothing else."""

from __future__ import annotations

from litestar.exceptions import PermissionDeniedException

from ..store import ACTORS, Role, User


def may_generate_for(user: User, municipality: str) -> bool:
    return user.is_county or user.municipality == municipality


def may_see_usage(user: User, municipality: str) -> bool:
    """The usage figures of a municipality: its own people, and the county."""
    return user.is_county or user.municipality == municipality


def may_edit_contacts(user: User, scope: str) -> bool:
    if user.role == Role.county_admin:
        return True
    return user.role == Role.municipal_admin and scope != ACTORS and scope == user.municipality


def roles_user_may_create(user: User) -> tuple[Role, ...]:
    if user.role == Role.county_admin:
        return (Role.staff, Role.municipal_admin, Role.county_admin, Role.translator)
    if user.role == Role.municipal_admin:
        return (Role.staff,)
    return ()


def may_manage_account(user: User, other: User) -> bool:
    """Deactivate, reactivate or give a new password to ``other``: a municipal administrator
    their municipality's staff, the county administrator anyone; never oneself (a lock-out by
    mistake: one's own password is changed with the current one)."""
    if other.id == user.id:
        return False
    if user.role == Role.county_admin:
        return True
    return user.role == Role.municipal_admin and other.role == Role.staff and other.municipality == user.municipality


def may_translate(user: User, language: str) -> bool:
    """Edit, review, publish, import and roll back a language: its translators only."""
    return user.role == Role.translator and language in user.languages


def may_oversee_translations(user: User) -> bool:
    """See every language's state and versions, and export: the county, who commissions reviews."""
    return user.role == Role.county_admin


# The staff pages a translator may reach: their session, and nothing else of the staff pages.
TRANSLATOR_STAFF_PATHS = ("/staff/login", "/staff/logout", "/staff/language", "/staff/password")


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDeniedException("not allowed for this account")
