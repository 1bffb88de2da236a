"""A corpus of XSS vectors and a checker that says what in a piece of HTML could run."""

from __future__ import annotations

import re

import lxml.html

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img/src/onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "<a href=javascript&colon;alert(1)>x</a>",
    '<a href="javascript&#58alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">x</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<a href="https://ok.example" style="background:url(javascript:alert(1))">x</a>',
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    '<a href="tel:0241" onfocus=alert(1) autofocus>t</a>',
    '<p><a href="mailto:x@example.org" onmouseover=alert(1)>m</a></p>',
    '<p style="x:expression(alert(1))">x</p>',
    '<div onmouseover="alert(1)">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<base href="javascript:alert(1)//">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<img src="x" alt="``onerror=alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "\x00<script>alert(1)</script>",
    "<!--<script>alert(1)--><p>ok</p>",
    "<![CDATA[<script>alert(1)</script>]]>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</p><script>alert(1)</script><p>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<xmp><script>alert(1)</script></xmp>",
    "<isindex type=image src=1 onerror=alert(1)>",
    '<table background="javascript:alert(1)">',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<ul><li onclick=alert(1)>a</li></ul><strong style=color:red>b</strong>",
]

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAG_LIKE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def html_dangers(value: str) -> list[str]:
    """What in ``value`` (stored limited HTML) could run or load something: empty when safe."""
    if not value.strip():
        return []
    found = [f"control character {c!r}" for c in set(value) if ord(c) < 32 and c not in "\t\n\r"]
    if found:
        return found
    root = lxml.html.fragment_fromstring(value, create_parent="div")
    for node in root.iter():
        if node is root:
            continue
        if not isinstance(node.tag, str):
            found.append(f"comment or instruction: {lxml.html.tostring(node)[:80]!r}")
            continue
        if node.tag not in ALLOWED_TAGS:
            found.append(f"element <{node.tag}>")
        for name, attr in node.attrib.items():
            if node.tag != "a" or name != "href":
                found.append(f"attribute {name}= on <{node.tag}>")
                continue
            scheme = _SCHEME.match("".join(attr.split()))
            if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                found.append(f"link scheme {scheme.group(1)}:")
    return found


def plain_dangers(value: str) -> list[str]:
    """A plain-text field (title, summary) holds no markup at all, not even once unescaped."""
    return [f"markup in plain text: {value[:80]!r}"] if _TAG_LIKE.search(value) else []
