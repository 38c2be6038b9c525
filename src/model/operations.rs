//! The 14 instance operations of Clerk's Backend API (spec version 2026-05-12), each declared
//! once. A new field is one line here; a new operation is one block.

use alloc::string::String;
use alloc::vec::Vec;

use super::descriptor::Rule;
use super::patch::Patch;
use super::resources::*;

operations! {
    /// Fetches the current instance.
    GetInstance = GET "/instance" -> Instance, js(instances.get), rust get_instance {}

    /// Updates the settings of an instance. Answers 204 with no body.
    UpdateInstance = PATCH "/instance" -> () = 204, js(instances.update), rust update_instance {
        /// Toggles test mode for this instance, allowing the use of test email addresses and
        /// phone numbers. Defaults to true for development instances.
        test_mode: Patch<bool>,
        /// Whether the instance should be using the HIBP service to check passwords for breaches.
        hibp: Patch<bool>,
        /// The support email for the instance: an email address, or `""` to clear it.
        support_email: Patch<String> = Rule::EmailOrEmpty,
        /// The npm version for `@clerk/clerk-js`, or `""` to clear it.
        clerk_js_version: Patch<String>,
        /// The development origin for the instance (`scheme://host[:port]`). Development
        /// instances only.
        development_origin: Patch<String> = Rule::Origin,
        /// The instance's allowed origins, for browser-like stacks: browser extensions
        /// (`chrome-extension://<id>`), Electron (`http://localhost:3000`), Capacitor.js
        /// (`capacitor://localhost`). Replaces the list; an empty list changes nothing.
        allowed_origins: Option<Vec<String>> = Rule::Origin; empty_ignored,
        /// Deprecated: use `url_based_session_syncing`. Whether the instance should operate in
        /// cookieless development mode (without third-party cookies).
        cookieless_dev: Patch<bool>; deprecated,
        /// Whether the instance should use URL-based session syncing in development mode
        /// (without third-party cookies).
        url_based_session_syncing: Patch<bool>,
        /// When a password is required, the sign-in strategy surfaced to Clerk components:
        /// `"password"` (the default), `"otp"`, or `""` to clear the override.
        preferred_sign_in_strategy_when_password_required: Patch<String>
            = Rule::OneOf(&["password", "otp", ""]),
        /// Deprecated (dropped from the newest spec; still sent when set): send emails from
        /// `verifications@clerk.dev` instead of your domain.
        enhanced_email_deliverability: Patch<bool>; seed,
    }

    /// Updates the restriction settings of an instance. Answers with the restrictions; 402 when
    /// the plan does not include them.
    UpdateInstanceRestrictions = PATCH "/instance/restrictions" -> InstanceRestrictions,
        js(instances.updateRestrictions), rust update_instance_restrictions {
        /// Whether sign-up is restricted to the allowlist.
        allowlist: Patch<bool>,
        /// Whether the blocklist is enforced.
        blocklist: Patch<bool>,
        /// Whether the allowlist and blocklist are skipped on sign-in.
        allowlist_blocklist_disabled_on_sign_in: Patch<bool>,
        /// Whether email subaddresses (`user+tag@example.com`) are blocked.
        block_email_subaddresses: Patch<bool>,
        /// Whether sign-ups with disposable email domains are blocked.
        block_disposable_email_domains: Patch<bool>,
        /// Deprecated (in no spec version; the official JS SDK still sends it): whether dots in
        /// Gmail addresses are ignored.
        ignore_dots_for_gmail_addresses: Patch<bool>; seed,
    }

    /// Fetches the instance's Protect settings.
    GetInstanceProtect = GET "/instance/protect" -> InstanceProtect,
        js(instances.getProtect), rust get_instance_protect {}

    /// Updates the instance's Protect settings.
    UpdateInstanceProtect = PATCH "/instance/protect" -> InstanceProtect,
        js(instances.updateProtect), rust update_instance_protect {
        /// Whether Protect rules are enabled.
        rules_enabled: Patch<bool>,
        /// Whether Specter is enabled.
        specter_enabled: Patch<bool>,
    }

    /// Fetches the instance's SMS communication settings, including the SMS country blocklist.
    GetInstanceCommunication = GET "/instance/communication" -> InstanceCommunication,
        js(instances.getCommunication), rust get_instance_communication {}

    /// Replaces the instance's SMS country blocklist.
    UpdateInstanceCommunication = PATCH "/instance/communication" -> InstanceCommunication,
        js(instances.updateCommunication), rust update_instance_communication {
        /// ISO 3166-1 alpha-2 codes (`"US"`) to block for SMS delivery: uppercase, unique, at most
        /// 250. Replaces the whole list; codes that are not SMS-tier countries are dropped by the
        /// server.
        blocked_country_codes: Patch<Vec<String>> = Rule::CountryCodes,
    }

    /// Fetches the instance's OAuth application settings.
    GetInstanceOAuthApplicationSettings = GET "/instance/oauth_application_settings"
        -> OAuthApplicationSettings,
        js(instances.getOAuthApplicationSettings), rust get_instance_oauth_application_settings {}

    /// Updates the instance's OAuth application settings.
    UpdateInstanceOAuthApplicationSettings = PATCH "/instance/oauth_application_settings"
        -> OAuthApplicationSettings,
        js(instances.updateOAuthApplicationSettings),
        rust update_instance_oauth_application_settings {
        /// Whether dynamic OAuth client registration (RFC 7591) is enabled.
        dynamic_oauth_client_registration: Patch<bool>,
        /// Default scopes. `null` resets them to Clerk's defaults.
        default_scopes: Patch<Vec<String>>,
        /// Whether OAuth access tokens are JWTs (false: opaque tokens).
        oauth_jwt_access_tokens: Patch<bool>,
        /// Whether the authorization server metadata advertises Client ID Metadata Documents.
        client_id_metadata_documents_advertised: Patch<bool>,
        /// When true, new unknown CIMD clients are rejected.
        client_id_metadata_documents_only_allow_pre_registered_clients: Patch<bool>,
        /// When true, recorded implicitly allowed CIMD clients are rejected on future lookups.
        client_id_metadata_documents_block_implicitly_allowed_clients: Patch<bool>,
    }

    /// Fetches the instance's organization settings. 402, 404 and 422 are possible.
    GetInstanceOrganizationSettings = GET "/instance/organization_settings"
        -> OrganizationSettings,
        js(instances.getOrganizationSettings), rust get_instance_organization_settings {}

    /// Updates the instance's organization settings. 400, 402, 403, 404 and 422 are possible.
    UpdateInstanceOrganizationSettings = PATCH "/instance/organization_settings"
        -> OrganizationSettings,
        js(instances.updateOrganizationSettings), rust update_instance_organization_settings {
        /// Whether organizations are enabled.
        enabled: Patch<bool>,
        /// The maximum number of memberships per organization.
        max_allowed_memberships: Patch<i64>,
        /// Whether admins may delete organizations.
        admin_delete_enabled: Patch<bool>,
        /// Whether verified domains are enabled for organizations.
        domains_enabled: Patch<bool>,
        /// Whether organization slugs are disabled.
        slug_disabled: Patch<bool>,
        /// Which enrollment modes to enable for organization domains. Replaces the list; an
        /// empty list changes nothing.
        domains_enrollment_modes: Option<Vec<String>>
            = Rule::OneOf(&["automatic_invitation", "automatic_suggestion"]); empty_ignored,
        /// The default organization role of an organization's creator.
        creator_role_id: Patch<String>,
        /// The default organization role for organization domains.
        domains_default_role_id: Patch<String>,
    }

    /// Changes the domain of a production instance. Answers 202 with no body.
    ///
    /// Every user is logged out, so this is never retried once it may have reached the server.
    ChangeProductionInstanceDomain = POST "/instance/change_domain" -> () = 202,
        js(instances.changeDomain, betaFeatures.changeDomain),
        rust change_production_instance_domain; no_retry {
        /// The new home URL of the production instance, e.g. `https://www.example.com`.
        home_url: Option<String> = Rule::AbsoluteUrl,
        /// Whether the domain is for a secondary app (its subdomain is kept as part of the domain).
        is_secondary: Option<bool>,
    }

    /// Updates the instance settings of the beta features ("Update instance settings"). 402 when
    /// the plan does not include them.
    UpdateInstanceAuthConfig = PATCH "/beta_features/instance_settings" -> InstanceSettings,
        js(betaFeatures.updateInstanceSettings), rust update_instance_auth_config {
        /// Whether sign-up is restricted to the allowlist.
        restricted_to_allowlist: Patch<bool>,
        /// The local part of the address authentication emails are sent from: letters and digits
        /// only (`foo` for `foo@example.com`).
        from_email_address: Patch<String> = Rule::EmailLocalPart,
        /// Deprecated by the API: the Progressive Sign Up algorithm.
        progressive_sign_up: Patch<bool>; deprecated,
        /// Toggles test mode for this instance.
        test_mode: Patch<bool>,
        /// Deprecated (dropped from the newest spec; still sent when set): the JWT template that
        /// augments session tokens, or `""` to disable it.
        session_token_template: Patch<String>; seed,
        /// Deprecated (dropped from the newest spec; still sent when set): send emails from
        /// `verifications@clerk.dev` instead of your domain.
        enhanced_email_deliverability: Patch<bool>; seed,
    }

    /// Deprecated twin of `ChangeProductionInstanceDomain` (PUT /beta_features/domain). Answers
    /// 202 with no body, and is never retried.
    UpdateProductionInstanceDomain = PUT "/beta_features/domain" -> () = 202,
        js(betaFeatures.updateProductionInstanceDomain),
        rust update_production_instance_domain; no_retry deprecated {
        /// The new home URL of the production instance, e.g. `https://www.example.com`.
        home_url: Option<String> = Rule::AbsoluteUrl,
        /// Whether the domain is for a secondary app.
        is_secondary: Option<bool>,
    }
}
