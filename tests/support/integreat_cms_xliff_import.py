"""Feed XLIFF files to the Integreat CMS's own page XLIFF import, as its upload form does.

Runs inside the CMS's venv (``CmsServer.run("-P", this_file, ZIP_OR_XLIFF, REGION, LANG, USER)``):
puts the file into a fresh folder under ``XLIFF_UPLOAD_DIR`` (a zip is unpacked by the CMS's
own ``extract_zip_archive``, as in ``upload_xliff``), then calls ``get_xliff_import_diff`` (the
preview the form shows) and ``xliff_import_confirm`` (the confirm button) with a request that
carries the user, the region, a session and message storage. Prints JSON: the preview (file,
page id, language, title, errors) and the messages and result of the confirm.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.messages.storage.fallback import FallbackStorage  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402
from integreat_cms.cms.models import Region, User  # noqa: E402
from integreat_cms.cms.utils.file_utils import extract_zip_archive  # noqa: E402
from integreat_cms.xliff.utils import get_xliff_import_diff, xliff_import_confirm  # noqa: E402


def request_for(region: Region, user: User, lang: str):
    request = RequestFactory().post(f"/{region.slug}/pages/{lang}/xliff/import/")
    request.user = user
    request.region = region
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def main(path: str, region_slug: str, lang: str, username: str) -> dict:
    region = Region.objects.get(slug=region_slug)
    user = User.objects.get(username=username)
    folder = os.path.join(settings.XLIFF_UPLOAD_DIR, str(uuid.uuid4()))
    os.makedirs(folder)
    target = os.path.join(folder, os.path.basename(path))
    shutil.copyfile(path, target)
    if target.endswith(".zip"):
        _, invalid = extract_zip_archive(target, folder)
    else:
        invalid = []
    preview_request = request_for(region, user, lang)
    diff = get_xliff_import_diff(preview_request, folder)
    preview = [
        {
            "file": item["file"],
            "page": item["import"].page_id,
            "language": item["import"].language.slug,
            "title": item["import"].title,
            "content": item["import"].content,
            "errors": [str(e["message"]) for e in item["errors"]],
        }
        for item in diff
    ]
    confirm_request = request_for(region, user, lang)
    success = xliff_import_confirm(confirm_request, folder, machine_translated=False)
    return {
        "invalid_files": [str(p) for p in invalid],
        "preview": preview,
        "preview_messages": [str(m) for m in preview_request._messages],
        "success": success,
        "messages": [f"{m.level_tag}: {m}" for m in confirm_request._messages],
    }


if __name__ == "__main__":
    translation.activate("en")  # messages in English, for the tests to read
    print(json.dumps(main(*sys.argv[1:5]), ensure_ascii=False))
