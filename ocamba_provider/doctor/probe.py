"""The doctor's requests, in order, and the check that judges each answer.

At most 10 GETs (eight when the workspace has campaigns), all through `ReadOnlyApi`; the first
listing must be one the client could page through, or the doctor stops there with a reason.
"""

from __future__ import annotations

from collections.abc import Callable

from ocamba_provider.doctor import checks_errors as error_checks
from ocamba_provider.doctor import checks_labels as label_checks
from ocamba_provider.doctor import checks_listing as checks
from ocamba_provider.doctor.checks_errors import UNKNOWN_ID
from ocamba_provider.doctor.checks_listing import ASKED_PAGE
from ocamba_provider.doctor.readonly_api import CAMPAIGNS, DoctorFailure, ReadOnlyApi, Reply
from ocamba_provider.doctor.report import Check, Diagnosis

PROBE_FIELDS = ("id", "name", "status", *checks.TIME_FIELDS)


def diagnose(api: ReadOnlyApi) -> Diagnosis:
    """Run every probe; a `DoctorFailure` becomes the diagnosis' failure."""
    diagnosis = Diagnosis()
    try:
        _probe(api, diagnosis.checks.append)
    except DoctorFailure as failure:
        diagnosis.failure = str(failure)
    diagnosis.requests = api.sent
    return diagnosis


def _probe(api: ReadOnlyApi, record: Callable[[Check], None]) -> None:
    replies: list[Reply] = []

    def get(path: str, params: dict[str, str] | None = None) -> Reply:
        reply = api.get(path, params)
        replies.append(reply)
        return reply

    first = _usable_listing(
        get(CAMPAIGNS, {"page": f"1,{ASKED_PAGE}", "fields": ",".join(PROBE_FIELDS)})
    )
    record(checks.page_size(first))
    record(checks.sparse_fields(first, PROBE_FIELDS))
    record(checks.id_type(first))
    record(checks.time_format(first))
    ids = checks.ids_of(first)
    # Page 2 of 3 can only be compared when page 1 showed at least six campaigns.
    second = get(CAMPAIGNS, {"page": "2,3", "fields": "id"}) if len(ids) >= 6 else None
    for check in checks.paging(first, second):
        record(check)
    record(checks.default_view(get(CAMPAIGNS, {"page": "1,1"})))
    record(error_checks.unknown_id(get(f"{CAMPAIGNS}/{UNKNOWN_ID}")))
    asked = sorted({ids[0], ids[-1]}) if ids else []
    if asked:
        params = {"id": "in:" + ",".join(asked), "fields": "id,status", "page": "1,100"}
        record(checks.id_filter(get(CAMPAIGNS, params), asked))
        record(checks.single_read(get(f"{CAMPAIGNS}/{ids[0]}", {"fields": "id,status"}), ids[0]))
    else:
        record(checks.id_filter(first, []))
    # A label no campaign carries: a server that filters answers none, one that ignores the
    # filter answers the whole workspace. One request, whatever labels the workspace uses.
    params = {"labels": label_checks.PROBE_LABEL, "fields": "id,labels", "page": "1,1"}
    labelled = get(CAMPAIGNS, params)
    record(label_checks.label_filter(labelled, checks.total_of(first)))
    record(error_checks.error_wording(get(CAMPAIGNS, {"page": "0"})))
    record(error_checks.rate_limit_headers(replies))
    record(error_checks.write_lag())


def _usable_listing(reply: Reply) -> Reply:
    """The first listing, if the client could page through it at all.

    Raises:
        DoctorFailure: auth refused, another error, not JSON, or no integer `total`.
    """
    if reply.status in (401, 403):
        raise DoctorFailure(
            f"the API refused the token ({reply.status} {reply.message()!r}): check "
            "OCAMBA_API_TOKEN or `pulumi config set --secret ocamba:apiToken`"
        )
    if not reply.is_json:
        kind = reply.content_type or "no Content-Type"
        raise DoctorFailure(
            f"the campaign list answered {reply.status} with a non-JSON body ({kind}): "
            "is the URL the Hood API (OCAMBA_API_URL / ocamba:apiUrl)?"
        )
    if reply.status != 200:
        raise DoctorFailure(f"the campaign list answered {reply.status} {reply.message()!r}")
    if checks.total_of(reply) is None or not isinstance(reply.document.get("items"), list):
        raise DoctorFailure(
            "the campaign list has no integer `total` and `items` list: the client cannot "
            "know when it has read every campaign"
        )
    return reply
