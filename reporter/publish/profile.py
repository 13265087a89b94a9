"""The settings of LibreOffice's throwaway profile: documents are converted, never fetched from.

Written as ``user/registrymodifications.xcu`` into each conversion's fresh profile before
LibreOffice starts: links from documents to anything outside them are blocked (no trusted
locations, untrusted referers refused), every web request goes to a proxy that is not there
(the Word 97-2003 import fetches linked pictures whatever the referer setting says), links and
fields are never updated on loading, and macros never run. reporter's own templates are
sanitised on the way in (``render.sanitize``); these settings hold even for a document that
was not.
"""

from __future__ import annotations

from pathlib import Path

# (path, property, type, value) of each setting.
SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "xs:boolean", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "xs:boolean", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "xs:int", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "ExecutePlugins", "xs:boolean", "false"),
    # Link update modes: 0 never, 1 on request, 2 always.
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "xs:int", "0"),
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "xs:boolean", "false"),
    ("/org.openoffice.Office.Writer/Content/Update", "Chart", "xs:boolean", "false"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "xs:int", "0"),
    ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "xs:boolean", "false"),
    # Proxy type 1 (manual) to a closed local port, for every host: nothing is fetched over the network.
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "xs:int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "xs:int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "xs:int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "xs:int", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", "xs:string", ""),
)


def registry_xml() -> str:
    """The profile's registrymodifications.xcu with ``SETTINGS``."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse" oor:type="{kind}">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, kind, value in SETTINGS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{items}</oor:items>\n")


def write_profile(folder: Path) -> None:
    """A fresh LibreOffice profile in ``folder`` (passed as ``-env:UserInstallation``)."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(registry_xml(), encoding="utf-8")
