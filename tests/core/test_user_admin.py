"""Administration of users in the core: a no-op writes nothing, and only the last ACTIVE
administrator is protected."""

from __future__ import annotations

import pytest

from ab_inbox.inbox_team import TeamError
from ab_inbox.store import users
from tests.conftest import add_team


@pytest.fixture
def team(inbox):
    """The tester's login is the administrator; a team lead and two caseworkers."""
    add_team(inbox)
    return inbox


def _audit(inbox, action: str) -> list[str]:
    entries, _total = inbox.audit_entries(action=action)
    return [entry["detail"] for entry in entries]


def _user(inbox, login: str) -> dict:
    return users.get(inbox.db, login)


def test_setting_the_role_a_user_already_has_writes_no_audit_entry(team):
    assert team.set_role("anna", "caseworker") is None
    assert team.set_role(team.user, "admin") is None
    assert _audit(team, "user_role_set") == []

    assert team.set_role("anna", "teamlead") is not None
    assert _audit(team, "user_role_set") == ["login=anna role=teamlead"]
    assert _user(team, "anna")["role"] == "teamlead"


def test_setting_the_active_state_a_user_already_has_writes_no_audit_entry(team):
    assert team.set_user_active("anna", True) is None
    assert _audit(team, "user_enabled") == []

    assert team.set_user_active("anna", False) is not None
    assert team.set_user_active("anna", False) is None
    assert _audit(team, "user_disabled") == ["login=anna"]
    assert not _user(team, "anna")["active"]


def test_a_deactivated_administrator_can_be_demoted_and_stays_deactivated(team):
    team.set_role("lead", "admin")
    team.set_user_active("lead", False)  # the tester remains the only active administrator
    team.set_role("lead", "teamlead")
    assert _user(team, "lead")["role"] == "teamlead"
    assert _audit(team, "user_role_set")[0] == "login=lead role=teamlead"

    team.set_role("lead", "admin")
    team.set_user_active("lead", False)  # deactivating it again is a no-op, not a refusal
    assert not _user(team, "lead")["active"]


def test_the_last_active_administrator_is_still_protected(team):
    team.set_role("lead", "admin")
    team.set_user_active("lead", False)
    with pytest.raises(TeamError, match="last active administrator"):
        team.set_role(team.user, "caseworker")
    with pytest.raises(TeamError, match="last active administrator"):
        team.set_user_active(team.user, False)
    assert _user(team, team.user)["role"] == "admin" and _user(team, team.user)["active"]

    team.set_user_active("lead", True)  # two active administrators again
    team.set_user_active(team.user, False)
    assert not _user(team, team.user)["active"]
