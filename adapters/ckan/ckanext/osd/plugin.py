"""The ``osd`` plug-in: CKAN interfaces wired to the modules that hold each concern
(fields, classify, access, applications, views, helpers)."""

from __future__ import annotations

from typing import Any, Dict

from ckan import plugins
from ckan.lib.plugins import DefaultTranslation
from ckan.plugins import toolkit

from . import access, applications, classify, config, fields, helpers, service, views


class OsdPlugin(plugins.SingletonPlugin, toolkit.DefaultDatasetForm, DefaultTranslation):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IConfigurable)
    plugins.implements(plugins.IConfigDeclaration)
    plugins.implements(plugins.IDatasetForm)
    plugins.implements(plugins.IAuthFunctions)
    plugins.implements(plugins.IActions)
    plugins.implements(plugins.IBlueprint)
    plugins.implements(plugins.ITemplateHelpers)
    plugins.implements(plugins.ITranslation)  # i18n/<locale>/LC_MESSAGES/ckanext-osd.mo

    # IConfigurer / IConfigurable
    def update_config(self, config_: Any) -> None:
        toolkit.add_template_directory(config_, "templates")

    def configure(self, config_: Any) -> None:
        service.configure(config.read(config_))

    def declare_config_options(self, declaration: Any, key: Any) -> None:
        """The ``ckanext.osd.*`` options, so CKAN knows them (config.read checks their values)."""
        for name, default in config.DEFAULTS.items():
            declaration.declare(key.from_string(f"ckanext.osd.{name}"), default)

    # IDatasetForm
    def package_types(self) -> list:
        return ["dataset"]

    def is_fallback(self) -> bool:
        return True

    def create_package_schema(self) -> Dict[str, Any]:
        return fields.edit_schema(super().create_package_schema())

    def update_package_schema(self) -> Dict[str, Any]:
        return fields.edit_schema(super().update_package_schema())

    def show_package_schema(self) -> Dict[str, Any]:
        return fields.show_schema(super().show_package_schema())

    def validate(self, context: Any, data_dict: Dict[str, Any], schema: Dict[str, Any], action: str) -> Any:
        """CKAN's validation, then, for a create or update whose fields are valid, the classification."""
        data, errors = toolkit.navl_validate(data_dict, schema, context)
        if action.endswith(("_create", "_update")) and not errors:
            data, errors = classify.check(data, errors)
        return data, errors

    # IAuthFunctions / IActions
    def get_auth_functions(self) -> Dict[str, Any]:
        return {"resource_show": access.resource_show, "resource_view_show": access.resource_view_show,
                "osd_application_create": applications.auth_create,
                "osd_application_list": applications.auth_list,
                "osd_application_show": applications.auth_show}

    def get_actions(self) -> Dict[str, Any]:
        return {"package_show": access.package_show, "package_search": access.package_search,
                "resource_view_list": access.resource_view_list,
                "osd_application_create": applications.application_create,
                "osd_application_list": applications.application_list,
                "osd_application_show": applications.application_show,
                "osd_application_answer": applications.application_answer}

    # IBlueprint / ITemplateHelpers
    def get_blueprint(self) -> Any:
        return views.blueprint

    def get_helpers(self) -> Dict[str, Any]:
        return helpers.helpers()
