"""Effective permissions in the order Discord applies them, on plain role and overwrite JSON."""

from bot.ops.permissions import ALL, base_permissions, channel_permissions, mask

GUILD, OWNER, BOT, MOD_ROLE, BOT_ROLE = 1, 2, 3, 10, 11
ROLES = {GUILD: {"permissions": str(mask(["View Channel", "Send Messages", "Embed Links"]))},
         BOT_ROLE: {"permissions": str(mask(["Attach Files"]))},
         MOD_ROLE: {"permissions": str(mask(["Administrator"]))}}


def ow(target, kind, allow=(), deny=()):
    return {"id": str(target), "type": kind, "allow": str(mask(allow)), "deny": str(mask(deny))}


def test_base_is_everyone_or_roles_and_administrator_or_owner_is_everything():
    assert base_permissions(GUILD, OWNER, ROLES, BOT, [BOT_ROLE]) == mask(
        ["View Channel", "Send Messages", "Embed Links", "Attach Files"])
    assert base_permissions(GUILD, OWNER, ROLES, BOT, [MOD_ROLE]) == ALL
    assert base_permissions(GUILD, OWNER, ROLES, OWNER, []) == ALL
    admin = base_permissions(GUILD, OWNER, ROLES, BOT, [MOD_ROLE])
    assert channel_permissions(admin, GUILD, BOT, [MOD_ROLE], [ow(GUILD, 0, deny=["View Channel"])]) == ALL


def test_overwrites_everyone_then_roles_then_member():
    base = base_permissions(GUILD, OWNER, ROLES, BOT, [BOT_ROLE])
    hidden = [ow(GUILD, 0, deny=["View Channel"])]
    assert channel_permissions(base, GUILD, BOT, [BOT_ROLE], hidden) == 0  # cannot view: nothing
    role_allows = hidden + [ow(BOT_ROLE, 0, allow=["View Channel"])]
    assert channel_permissions(base, GUILD, BOT, [BOT_ROLE], role_allows) == base
    member_denies = role_allows + [ow(BOT, 1, deny=["Attach Files"])]
    assert channel_permissions(base, GUILD, BOT, [BOT_ROLE], member_denies) == base & ~mask(["Attach Files"])
    # a role's allow wins over another role's deny (they are applied together)
    both = [ow(BOT_ROLE, 0, deny=["Embed Links"]), ow(MOD_ROLE + 1, 0, allow=["Embed Links"])]
    assert channel_permissions(base, GUILD, BOT, [BOT_ROLE, MOD_ROLE + 1], both) == base


def test_no_send_messages_drops_embeds_and_files():
    base = base_permissions(GUILD, OWNER, ROLES, BOT, [BOT_ROLE])
    got = channel_permissions(base, GUILD, BOT, [BOT_ROLE], [ow(BOT_ROLE, 0, deny=["Send Messages"])])
    assert got == mask(["View Channel"])
