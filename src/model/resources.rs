//! The response bodies, each declared once with the value of its `object` field. Unknown fields are ignored and any string is
//! accepted where the API documents an enum, so newer API versions do not break older clients.

use alloc::string::String;
use alloc::vec::Vec;

resources! {
    /// The current instance (`GET /instance`).
    Instance = "instance" {
        /// Always `"instance"`.
        object: String,
        /// The instance ID.
        id: String,
        /// `"development"`, `"staging"` or `"production"`.
        environment_type: String,
        /// The allowed origins; may be null.
        allowed_origins: Vec<String>,
        /// The workspace that owns the application; null when it has no owner.
        workspace_id: String,
    }

    /// The restriction settings of an instance.
    InstanceRestrictions = "instance_restrictions" {
        /// Always `"instance_restrictions"`.
        object: String,
        /// Whether sign-up is restricted to the allowlist.
        allowlist: bool,
        /// Whether the blocklist is enforced.
        blocklist: bool,
        /// Whether the allowlist and blocklist are skipped on sign-in.
        allowlist_blocklist_disabled_on_sign_in: bool,
        /// Whether email subaddresses are blocked.
        block_email_subaddresses: bool,
        /// Whether disposable email domains are blocked.
        block_disposable_email_domains: bool,
        /// Deprecated: whether dots in Gmail addresses are ignored (read by the official SDK).
        ignore_dots_for_gmail_addresses: bool,
    }

    /// The Protect settings of an instance.
    InstanceProtect = "instance_protect" {
        /// Always `"instance_protect"`.
        object: String,
        /// Whether Protect rules are enabled.
        rules_enabled: bool,
        /// Whether Specter is enabled.
        specter_enabled: bool,
        /// Whether the instance opted out of the Protect prerequisite checks.
        checks_bypassed: bool,
    }

    /// The SMS communication settings of an instance.
    InstanceCommunication = "instance_communication" {
        /// Always `"instance_communication"`.
        object: String,
        /// ISO 3166-1 alpha-2 codes blocked for SMS delivery.
        blocked_country_codes: Vec<String>,
    }

    /// The OAuth application settings of an instance.
    OAuthApplicationSettings = "oauth_application_settings" {
        /// Always `"oauth_application_settings"`.
        object: String,
        /// Whether dynamic OAuth client registration (RFC 7591) is enabled.
        dynamic_oauth_client_registration: bool,
        /// Default scopes; may be null.
        default_scopes: Vec<String>,
        /// Whether OAuth access tokens are JWTs.
        oauth_jwt_access_tokens: bool,
        /// Whether Client ID Metadata Documents are advertised.
        client_id_metadata_documents_advertised: bool,
        /// Whether new unknown CIMD clients are rejected.
        client_id_metadata_documents_only_allow_pre_registered_clients: bool,
        /// Whether implicitly allowed CIMD clients are rejected.
        client_id_metadata_documents_block_implicitly_allowed_clients: bool,
    }

    /// The organization settings of an instance.
    OrganizationSettings = "organization_settings" {
        /// Always `"organization_settings"`.
        object: String,
        /// Whether organizations are enabled.
        enabled: bool,
        /// The maximum number of memberships per organization.
        max_allowed_memberships: i64,
        /// The maximum number of roles.
        max_allowed_roles: i64,
        /// The maximum number of role sets.
        max_role_sets_allowed: i64,
        /// The maximum number of domains per organization.
        max_allowed_domains: i64,
        /// Deprecated: a no-op, permissions are unlimited.
        max_allowed_permissions: i64,
        /// The role key given to an organization's creator.
        creator_role: String,
        /// Whether admins may delete organizations.
        admin_delete_enabled: bool,
        /// Whether verified domains are enabled.
        domains_enabled: bool,
        /// Whether organization slugs are disabled.
        slug_disabled: bool,
        /// The enabled enrollment modes (`manual_invitation`, `automatic_invitation`,
        /// `automatic_suggestion`, or values newer than this crate).
        domains_enrollment_modes: Vec<String>,
        /// The role key used for domain invitations and suggestions.
        domains_default_role: String,
        /// The role set key used for new organizations; may be null.
        initial_role_set_key: String,
    }

    /// The settings answered by `PATCH /beta_features/instance_settings`.
    InstanceSettings = "instance_settings" {
        /// Always `"instance_settings"`.
        object: String,
        /// The instance ID.
        id: String,
        /// Whether sign-up is restricted to the allowlist.
        restricted_to_allowlist: bool,
        /// The local part of the address authentication emails are sent from.
        from_email_address: String,
        /// Deprecated: the Progressive Sign Up algorithm.
        progressive_sign_up: bool,
        /// Deprecated: enhanced email deliverability.
        enhanced_email_deliverability: bool,
    }
}
