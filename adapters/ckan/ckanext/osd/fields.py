"""The dataset fields the plug-in adds (IDatasetForm) and their validators.

开放属性 ``open_class``, 共享属性 ``share_class``, 开放条件 ``open_conditions``,
更新频率 ``update_frequency``, 提供单位层级 ``provider_level``, and what the data
contains (``contains``: state or work secrets, trade secrets, personal
information) with the ``facts`` the texts classify by (desensitised, the rights
holder's consent, ...). Coded fields take the service's codes or any of its
catalogue words (有条件开放, 依申请开放 → ``conditional``) and are stored as codes.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List

from ckan.plugins import toolkit

from . import service

_ = toolkit._

#: The classification facts a dataset may state (contract §4), beside ``contains``.
FACTS = ("desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits")

#: field -> the service's vocabulary its codes come from
CODED = {"open_class": "open_class", "share_class": "share_class", "provider_level": "level"}
TEXT = ("open_conditions", "update_frequency", "legal_basis")
LISTS = {"contains": "contains", "facts": None}
ALL = (*CODED, *TEXT, *LISTS)


def _unchecked(value: Any) -> Any:
    """A value the service could not check: kept as given in ``edits`` mode (the classification step
    marks the dataset unchecked), else refused."""
    if service.settings().fail_mode == "edits":
        return value
    raise toolkit.Invalid(_("The decision service cannot be reached, so this value cannot be checked; "
                            "try again later.")) from None


def coded(vocabulary: str) -> Callable[[Any, Dict[str, Any]], Any]:
    """A validator: the value as the vocabulary's code, or Invalid listing the codes."""
    def validator(value: Any, context: Dict[str, Any]) -> Any:
        if value in (None, ""):
            return value
        try:
            words = service.vocabulary()
            known = service.codes(vocabulary)
        except service.Unavailable:
            return _unchecked(value)
        code = words.code(vocabulary, value)
        if code not in known:
            raise toolkit.Invalid(_("Not a known value: {value}. Use one of: {codes}.").format(
                value=value, codes=", ".join(f"{c} ({known[c]['zh']})" for c in known)))
        return code
    return validator


def listed(vocabulary: Any) -> Callable[[Any, Dict[str, Any]], Any]:
    """A validator: a list (or comma-separated text) of codes, stored as comma-separated codes."""
    def validator(value: Any, context: Dict[str, Any]) -> Any:
        if value in (None, "", []):
            return ""
        items = value if isinstance(value, list) else str(value).replace("，", ",").split(",")
        items = [str(i).strip() for i in items if str(i).strip()]
        if vocabulary is None:
            known: Dict[str, Any] = {f: None for f in FACTS}
            words = None
        else:
            try:
                known, words = service.codes(vocabulary), service.vocabulary()
            except service.Unavailable:
                return _unchecked(",".join(items))
        out: List[str] = []
        for item in items:
            code = words.code(vocabulary, item) if words else item
            if code not in known:
                raise toolkit.Invalid(_("Not a known value: {value}. Use one of: {codes}.").format(
                    value=item, codes=", ".join(known)))
            if code not in out:
                out.append(code)
        return ",".join(out)
    return validator


def split(value: Any) -> List[str]:
    """A stored comma-separated list as a list."""
    if isinstance(value, list):
        return value
    return [v for v in str(value or "").split(",") if v]


def edit_schema(schema: Dict[str, Any]) -> Dict[str, Any]:
    """The create/update schema with the plug-in's fields stored as extras."""
    v = toolkit.get_validator
    to_extras = toolkit.get_converter("convert_to_extras")
    schema.update({
        "open_class": [v("not_empty"), v("unicode_safe"), coded("open_class"), to_extras],
        "share_class": [v("ignore_missing"), v("unicode_safe"), coded("share_class"), to_extras],
        "provider_level": [v("ignore_missing"), v("unicode_safe"), coded("level"), to_extras],
        "contains": [v("ignore_missing"), listed("contains"), to_extras],
        "facts": [v("ignore_missing"), listed(None), to_extras],
        **{name: [v("ignore_missing"), v("unicode_safe"), to_extras] for name in TEXT},
    })
    return schema


def show_schema(schema: Dict[str, Any]) -> Dict[str, Any]:
    """The show schema: the fields read back from the extras, top level as a form sends them."""
    v = toolkit.get_validator
    from_extras = toolkit.get_converter("convert_from_extras")
    schema.update({name: [from_extras, v("ignore_missing")] for name in ALL})
    return schema
