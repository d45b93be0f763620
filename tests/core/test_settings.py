import pytest

from bot.core.settings import SettingsError, load_settings, settings_from_env

TOKEN = "x" * 24 + ".abcdef.ghijklmnopqrstuvwxyz012345"


def test_defaults_without_anything():
    s = settings_from_env({})
    assert str(s.database_path) == "data/labbot.db"
    assert s.discord_token is None
    assert s.timezone == "Europe/Amsterdam"


def test_token_never_in_repr():
    s = settings_from_env({"DISCORD_TOKEN": TOKEN, "LABBOT_PSEUDONYM_SECRET": "s" * 32})
    assert TOKEN not in repr(s)
    assert "s" * 32 not in repr(s)
    assert s.require_token() == TOKEN


def test_missing_token_names_variable_and_how():
    with pytest.raises(SettingsError) as err:
        settings_from_env({}).require_token()
    assert "DISCORD_TOKEN" in str(err.value)
    assert "discord.com/developers" in str(err.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LABBOT_GUILD_ID", "abc"),
        ("LABBOT_NETWORK_CHANNEL_ID", "12x"),
        ("LABBOT_MODERATOR_ROLE_IDS", "1, two"),
        ("LABBOT_TIMEZONE", "Mars/Olympus"),
        ("LABBOT_LOG_LEVEL", "LOUD"),
        ("LABBOT_PSEUDONYM_SECRET", "short"),
        ("DISCORD_TOKEN", "has space in it and is long enough"),
        ("LABBOT_KNOWLEDGE_DIR", "/does/not/exist"),
    ],
)
def test_malformed_value_names_the_variable(name, value):
    with pytest.raises(SettingsError) as err:
        settings_from_env({name: value})
    message = str(err.value)
    assert name in message
    assert "\n" not in message
    if name == "DISCORD_TOKEN":
        assert value not in message


def test_role_ids_parse_commas_and_semicolons():
    s = settings_from_env({"LABBOT_MODERATOR_ROLE_IDS": "11, 22;33"})
    assert s.moderator_role_ids == frozenset({11, 22, 33})


def test_dotenv_read_and_environment_wins(tmp_path):
    env = tmp_path / ".env"
    env.write_text("LABBOT_DB=from-file.db\nLABBOT_GUILD_ID=5\n", encoding="utf-8")
    s = load_settings(env, environ={"LABBOT_GUILD_ID": "7"})
    assert str(s.database_path) == "from-file.db"
    assert s.guild_id == 7


def test_corrupt_dotenv_reports_line(tmp_path):
    env = tmp_path / ".env"
    env.write_text("LABBOT_DB=x.db\n\nthis line is broken\n", encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(env, environ={})
    assert "line 3" in str(err.value)


def test_binary_dotenv_is_a_clear_error(tmp_path):
    env = tmp_path / ".env"
    env.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings(env, environ={})
