//! The Rust names and id types of the generated API: `docs/api-guidelines.md` sections 2 to 4
//! and 10, applied to sipgate's operation ids, parameters and schemas.
//!
//! # Method names
//!
//! The name starts from the operation id in snake case (`getPhonelines` → `get_phonelines`),
//! and its verb is normalised:
//!
//! | operation id starts with | and | becomes |
//! |---|---|---|
//! | `get` | the operation is a `GET` that returns a collection | `list_…` (`get_phonelines` → `list_phonelines`, `get_all_x` → `list_x`) |
//! | `get` | anything else | `get_…` |
//! | `add` | — | `create_…`, except `add_<x>_to_<y>` |
//! | `remove` | — | `delete_…`, except `remove_<x>_from_<y>` |
//! | `change`, `modify` | — | `update_…` |
//! | anything else (`set`, `create`, `delete`, `update`, `verify`, `revoke`) | — | unchanged |
//!
//! A response is a *collection* when its schema is an array, or an object with an `items`
//! array, or an object whose properties are all arrays (a collection grouped by kind, like
//! `NotificationsResponse` with `fax`, `voicemail`, `call` and `sms`); see [`is_collection`].
//!
//! `add_<x>_to_<y>` / `remove_<x>_from_<y>` (adding a device to a group or phoneline, and taking
//! it out) route an existing item: nothing is created or deleted, so they keep their domain
//! verb.
//!
//! Where the normalised name would be wrong or mislead, [`RENAMES`] gives the name, with the
//! reason; it is small and explicit, and every name in it uses a verb of the rule.
//!
//! # One crate owns each endpoint
//!
//! An operation that another crate of the SDK already offers is not generated: [`SKIPS`] names
//! it and the crate that owns it.
//!
//! # Statuses
//!
//! The API description lists the error statuses of an operation, without the prose that
//! explained them. [`status_meaning`] gives each one the meaning the generated client attaches
//! to the error, in our words and from the facts alone.
//!
//! # For me, or for a given web user
//!
//! An operation under `/{userId}/…` acts on something that belongs to one web user
//! ([`belongs_to_a_webuser`]). It becomes a pair: `x_of(&WebuserId, …)` for a given user and
//! `x(…)` for the authenticated one. Under `/users/{userId}…` the web user is the resource
//! itself (read, delete, change a user): those take the `&WebuserId` and have no pair.
//!
//! # Ids
//!
//! String path and query parameters named in [`ID_PARAMS`] take the id newtypes of
//! `sipgateio-types`; integer ids (`addressId`, `portingId`) stay integers. Model properties
//! that are one of those ids are typed only where [`ID_FIELDS`] names the schema and the
//! property: the document's examples are not reliable enough to guess (a group fax line's
//! `groupId` has the example `f0`), so properties not in the table stay `String`.

use super::{Model, Ty};

/// Operation ids whose name the rule alone would get wrong: `(operationId, name, why)`.
pub(crate) const RENAMES: &[(&str, &str, &str)] = &[
    (
        "deletePhonlineVoicemailGreeting",
        "delete_phoneline_voicemail_greeting",
        "sipgate's typo (`phonline`)",
    ),
    (
        "addGreeting",
        "create_phoneline_voicemail_greeting",
        "a voicemail greeting of a phoneline, named like its list, update and delete",
    ),
    (
        "getGreeting",
        "get_autorecording_greeting",
        "the auto-recording greeting, named like `create_autorecording_greeting`",
    ),
    (
        "deleteGreeting",
        "delete_autorecording_greeting",
        "the auto-recording greeting, named like `create_autorecording_greeting`",
    ),
    (
        "getSetting",
        "get_autorecording_setting",
        "says which setting (`/autorecordings/{extension}/settings`)",
    ),
    (
        "updateSetting",
        "update_autorecording_setting",
        "says which setting (`/autorecordings/{extension}/settings`)",
    ),
    (
        "getItemCount",
        "get_address_count",
        "says what is counted (`/addresses/itemCount`)",
    ),
    (
        "getDevicesForPhoneline",
        "list_phoneline_devices",
        "named like `list_phoneline_numbers` and `list_group_*`",
    ),
    (
        "getGroupVoicemail",
        "list_group_voicemails",
        "a collection: plural, like `list_phoneline_voicemails`",
    ),
    (
        "deleteParallelForwardingSettings",
        "delete_parallel_forwarding",
        "deletes the forwarding that `create_parallel_forwarding` created",
    ),
    (
        "changeParallelForwardingSettings",
        "update_parallel_forwarding",
        "changes the forwarding that `create_parallel_forwarding` created",
    ),
    (
        "verify",
        "verify_account",
        "says what is verified (`PUT /account/verified`); a name equal to the operation id could \
         not carry it as `doc(alias)`, which rustdoc refuses",
    ),
    (
        "getClients",
        "list_oauth_clients",
        "an OAuth client of the account: `client` alone reads as the SDK's own client",
    ),
    (
        "getClient",
        "get_oauth_client",
        "an OAuth client of the account: `client` alone reads as the SDK's own client",
    ),
    (
        "createClient",
        "create_oauth_client",
        "an OAuth client of the account: `client` alone reads as the SDK's own client",
    ),
    (
        "updateClient",
        "update_oauth_client",
        "an OAuth client of the account: `client` alone reads as the SDK's own client",
    ),
    (
        "deleteClient",
        "delete_oauth_client",
        "an OAuth client of the account: `client` alone reads as the SDK's own client",
    ),
    (
        "getGdprUrls",
        "get_oauth_client_gdpr_urls",
        "the privacy and terms URLs of an OAuth client (`/authorization/oauth2/clients/{clientId}/gdpr`)",
    ),
    (
        "changePassword",
        "reset_password",
        "`POST /passwordreset/{nonce}` completes the reset that `request_password_reset` started, \
         with the nonce of its mail; `update_password` would read as a change of a known password",
    ),
];

/// Operations that are not generated because another crate owns the endpoint:
/// `(operationId, why)`.
pub(crate) const SKIPS: &[(&str, &str)] = &[
    (
        "getAllUsers",
        "`GET /users` is `sipgateio_core::Client::list_web_users()`: core needs it to resolve web \
         users, and one crate owns each endpoint",
    ),
    (
        "userinfo",
        "`GET /authorization/userinfo` is `sipgateio_core::Client::get_authenticated_webuser_id()`: \
         core needs it for every for-me method, and one crate owns each endpoint",
    ),
];

/// The API areas (OpenAPI tags) whose operations a hand-written crate owns: `(tag, crate)`. They
/// are not generated; every other area is one of [`super::TAGS`] or has all its operations in
/// [`EXCLUSIONS`], so that a new area of a new document is a decision, not an accident.
pub(crate) const OWNERS: &[(&str, &str)] = &[
    ("contacts", "sipgateio-contacts"),
    ("devices", "sipgateio-devices"),
    ("faxlines", "sipgateio-fax"),
    ("history", "sipgateio-history"),
    ("numbers", "sipgateio-numbers"),
    ("rtcm", "sipgateio-rtcm"),
    (
        "sessions",
        "sipgateio-sms, -fax, -call and -voicemails (each owns its sessions)",
    ),
    ("settings", "sipgateio-webhook-settings"),
    ("sms", "sipgateio-sms"),
    ("voicemails", "sipgateio-voicemails"),
];

/// Operations that no crate of the SDK offers, on purpose: `(operationId, why)`. `cargo xtask
/// coverage` prints them; every other operation of the API description is in the SDK.
pub(crate) const EXCLUSIONS: &[(&str, &str)] = &[
    (
        "getEvents",
        "`GET /app/events`: the events of sipgate's own web app (app.sipgate.com); its only OAuth \
         scope is `internal`, sipgate's scope for its own apps, not one an API client asks for",
    ),
    (
        "deleteEvent",
        "`DELETE /app/events/{id}`: dismisses an event of sipgate's own web app; scope `internal` \
         only",
    ),
    (
        "getLinks",
        "`GET /app/links`: the external links the web app app.sipgate.com shows",
    ),
    (
        "getProperties",
        "`GET /app/properties`: the settings of the web app app.sipgate.com",
    ),
    (
        "getTac",
        "`GET /app/tacs`: whether the web app's terms and conditions were accepted; scope \
         `internal` only",
    ),
    (
        "getUsers",
        "`GET /app/users`: the web app's combined view of users, numbers, addresses and call \
         restrictions (scope `internal` only); each part is in the SDK on its own",
    ),
    (
        "getLanguage",
        "`GET /translations/{language}`: the text strings of sipgate's web app in one language",
    ),
    (
        "getRestrictions",
        "`GET /restrictions`: what the web app may offer a user; scope `internal` only",
    ),
    (
        "getVerification",
        "`GET /identityVerification`: the web app's identity check of a new customer; scope \
         `internal` only",
    ),
];

/// Why the operation `id` is excluded from the SDK, if it is.
pub(crate) fn excluded(id: &str) -> Option<&'static str> {
    EXCLUSIONS
        .iter()
        .find(|(op, _)| *op == id)
        .map(|(_, why)| *why)
}

/// Whether a string property or parameter named `name` holds a secret: its name contains
/// `password`, `secret` or `nonce` (`password`, `passwordRepeat`, `clientSecret`, the `nonce` of
/// a password-reset mail). A property becomes `sipgateio_core::Secret`, whose `Debug` and
/// `Display` never show the value; a path parameter is logged as its `{name}` placeholder
/// (`Request::log_path`).
pub(crate) fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("password") || lower.contains("secret") || lower.contains("nonce")
}

/// Why the operation `id` is not generated, if it is skipped.
pub(crate) fn skipped(id: &str) -> Option<&'static str> {
    SKIPS.iter().find(|(op, _)| *op == id).map(|(_, why)| *why)
}

/// The meaning the generated client attaches to the documented error `status` of an operation
/// with the path parameters `path_params` (shown in the error's message), if there is one to
/// add to what the status says by itself.
pub(crate) fn status_meaning(status: u16, path_params: &[super::Param]) -> Option<String> {
    let meaning = match status {
        400 => "invalid request".to_owned(),
        401 => "the credentials were not accepted".to_owned(),
        402 => "insufficient funds".to_owned(),
        403 => "a feature may not be booked, a limit may be reached, or the token lacks a scope"
            .to_owned(),
        404 if !path_params.is_empty() => {
            let names: Vec<String> = path_params
                .iter()
                .map(|p| format!("`{}`", p.json))
                .collect();
            match names.split_last() {
                Some((last, [])) => format!("no such {last}"),
                Some((last, rest)) => format!("no such {} or {last}", rest.join(", ")),
                None => return None,
            }
        }
        409 => "already exists".to_owned(),
        _ => return None,
    };
    Some(meaning)
}

/// The verbs a generated method name may start with (guideline section 2, and the domain verbs
/// of the account API).
pub(crate) const VERBS: &[&str] = &[
    "list", "get", "create", "update", "delete", "set", "add", "remove", "verify", "revoke",
    "request", "reset",
];

/// String parameters that are ids, by their name in the document: `(name, id type)`.
pub(crate) const ID_PARAMS: &[(&str, &str)] = &[
    ("userId", "WebuserId"),
    ("userIds", "WebuserId"),
    ("phonelineId", "PhonelineId"),
    ("groupId", "GroupId"),
    ("deviceId", "DeviceId"),
    ("faxlineId", "FaxlineId"),
    ("smsId", "SmsExtensionId"),
    ("greetingId", "GreetingId"),
    ("notificationId", "NotificationId"),
    ("parallelForwardingId", "ParallelForwardingId"),
    ("voicemailId", "VoicemailId"),
    ("extension", "ExtensionId"),
    ("clientId", "OauthClientId"),
    ("callId", "CallId"),
    ("contactId", "ContactId"),
    ("numberId", "NumberId"),
];

/// Model properties that are ids: `(schema, property, id type)`. An `endpointId` is any
/// extension (`e0`, `p0`, `f0`, `v0`, …), hence `ExtensionId`.
pub(crate) const ID_FIELDS: &[(&str, &str, &str)] = &[
    ("UserResponse", "id", "WebuserId"),
    ("UserResponse", "defaultDevice", "DeviceId"),
    ("GroupUserResponse", "id", "WebuserId"),
    ("CallRestrictionResponse", "userId", "WebuserId"),
    ("DeviceResponse", "id", "DeviceId"),
    ("GroupResponse", "id", "GroupId"),
    ("SimpleGroupResponse", "id", "GroupId"),
    ("PhonelineResponse", "id", "PhonelineId"),
    ("SimplePhonelineResponse", "id", "PhonelineId"),
    ("GroupFaxlineResponse", "id", "FaxlineId"),
    ("PhonelineVoicemailResponse", "id", "VoicemailId"),
    (
        "PhonelineVoicemailResponse",
        "activeGreetingId",
        "GreetingId",
    ),
    ("GreetingResponse", "id", "GreetingId"),
    ("ParallelForwardingResponse", "id", "ParallelForwardingId"),
    ("RouteDeviceRequest", "deviceId", "DeviceId"),
    ("SetDefaultDeviceRequest", "deviceId", "DeviceId"),
    ("AddFaxEmailNotificationRequest", "faxlineId", "FaxlineId"),
    (
        "AddFaxReportEmailNotificationRequest",
        "faxlineId",
        "FaxlineId",
    ),
    ("AddFaxSmsNotificationRequest", "faxlineId", "FaxlineId"),
    (
        "AddVoicemailEmailVoicemailNotificationRequest",
        "voicemailId",
        "VoicemailId",
    ),
    (
        "AddVoicemailSmslVoicemailNotificationRequest",
        "voicemailId",
        "VoicemailId",
    ),
    (
        "AddCallEmailNotificationRequest",
        "endpointId",
        "ExtensionId",
    ),
    ("AddCallSmsNotificationRequest", "endpointId", "ExtensionId"),
    (
        "AddSmsEmailNotificationRequest",
        "endpointId",
        "ExtensionId",
    ),
    ("CallNotificationResponse", "endpointId", "ExtensionId"),
    ("FaxNotificationResponse", "endpointId", "ExtensionId"),
    ("SmsNotificationResponse", "endpointId", "ExtensionId"),
    ("VoicemailNotificationResponse", "endpointId", "ExtensionId"),
    ("NumberResponseWithEndpoint", "endpointId", "ExtensionId"),
    ("OAuthClient", "clientId", "OauthClientId"),
];

/// The id type of a string parameter named `name`, if it is an id.
pub(crate) fn param_id(name: &str) -> Option<&'static str> {
    ID_PARAMS
        .iter()
        .find(|(param, _)| *param == name)
        .map(|(_, ty)| *ty)
}

/// The id type of the property `property` of the schema `schema`, if the table names it.
pub(crate) fn field_id(schema: &str, property: &str) -> Option<&'static str> {
    ID_FIELDS
        .iter()
        .find(|(s, p, _)| *s == schema && *p == property)
        .map(|(_, _, ty)| *ty)
}

/// Whether an operation on `path` belongs to one web user and so comes as a for-me / `_of`
/// pair: its path starts with `/{userId}/`.
pub(crate) fn belongs_to_a_webuser(path: &str) -> bool {
    path.starts_with("/{userId}/")
}

/// Whether a response of type `ty` is a collection: an array, an object with an `items` array,
/// or an object whose properties are all arrays.
pub(crate) fn is_collection(ty: &Ty, models: &std::collections::BTreeMap<String, Model>) -> bool {
    match ty {
        Ty::Vec(_) => true,
        Ty::Named(name) => match models.get(name) {
            Some(Model::Struct { fields, .. }) => {
                fields
                    .iter()
                    .any(|f| f.json == "items" && matches!(f.ty, Ty::Vec(_)))
                    || (!fields.is_empty() && fields.iter().all(|f| matches!(f.ty, Ty::Vec(_))))
            }
            _ => false,
        },
        _ => false,
    }
}

/// The Rust name of the operation `id` (`GET` when `get` is true) whose response is a
/// collection when `collection` is true.
pub(crate) fn method_name(id: &str, get: bool, collection: bool) -> String {
    if let Some((_, name, _)) = RENAMES.iter().find(|(op, _, _)| *op == id) {
        return (*name).to_owned();
    }
    let snake = super::field_name(id);
    let mut words: Vec<&str> = snake.split('_').collect();
    let verb = match words.first().copied() {
        Some("get") if get && collection => {
            if words.get(1) == Some(&"all") {
                words.remove(1);
            }
            "list"
        }
        Some("add") if words.contains(&"to") => "add",
        Some("add") => "create",
        Some("remove") if words.contains(&"from") => "remove",
        Some("remove") => "delete",
        Some("change" | "modify") => "update",
        _ => return snake,
    };
    words[0] = verb;
    words.join("_")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::Field;
    use super::*;

    fn field(json: &str, ty: Ty) -> Field {
        Field {
            json: json.into(),
            rust: json.into(),
            ty,
            required: false,
            doc: vec![],
        }
    }

    fn models() -> BTreeMap<String, Model> {
        let list = |fields| Model::Struct {
            doc: vec![],
            fields,
            request: false,
        };
        let strings = || Ty::Vec(Box::new(Ty::String));
        BTreeMap::from([
            ("Users".to_owned(), list(vec![field("items", strings())])),
            (
                "Paged".to_owned(),
                list(vec![field("items", strings()), field("total", Ty::I64)]),
            ),
            (
                "Grouped".to_owned(),
                list(vec![field("fax", strings()), field("sms", strings())]),
            ),
            (
                "Group".to_owned(),
                list(vec![
                    field("id", Ty::String),
                    field("voicemails", strings()),
                ]),
            ),
            ("Empty".to_owned(), list(vec![])),
        ])
    }

    #[test]
    fn collections_are_arrays_item_lists_and_groups_of_arrays() {
        let models = models();
        let named = |n: &str| Ty::Named(n.to_owned());
        assert!(is_collection(&Ty::Vec(Box::new(Ty::String)), &models));
        assert!(is_collection(&named("Users"), &models));
        assert!(is_collection(&named("Paged"), &models));
        assert!(is_collection(&named("Grouped"), &models));
        assert!(!is_collection(&named("Group"), &models));
        assert!(!is_collection(&named("Empty"), &models));
        assert!(!is_collection(&named("Missing"), &models));
        assert!(!is_collection(&Ty::String, &models));
    }

    #[test]
    fn verbs_are_normalised() {
        assert_eq!(method_name("getPhonelines", true, true), "list_phonelines");
        assert_eq!(method_name("getAllUsers", true, true), "list_users");
        assert_eq!(method_name("getPhoneline", true, false), "get_phoneline");
        assert_eq!(method_name("getUser", true, false), "get_user");
        assert_eq!(
            method_name("addParallelForwarding", false, false),
            "create_parallel_forwarding"
        );
        assert_eq!(
            method_name("removeIncomingEntry", false, false),
            "delete_incoming_entry"
        );
        assert_eq!(method_name("modifyAddress", false, false), "update_address");
        assert_eq!(
            method_name("changeVoicemailSettings", false, false),
            "update_voicemail_settings"
        );
        assert_eq!(method_name("setRole", false, false), "set_role");
        assert_eq!(
            method_name("verifyCallerId", false, false),
            "verify_caller_id"
        );
        assert_eq!(method_name("revokePorting", false, true), "revoke_porting");
        // a `get` that is not a `GET` is not a listing
        assert_eq!(method_name("getThings", false, true), "get_things");
    }

    #[test]
    fn routing_an_existing_item_keeps_add_and_remove() {
        assert_eq!(
            method_name("addDeviceToGroup", false, false),
            "add_device_to_group"
        );
        assert_eq!(
            method_name("removeDeviceFromPhoneline", false, false),
            "remove_device_from_phoneline"
        );
    }

    #[test]
    fn the_rename_table_wins_and_uses_the_verbs_of_the_rule() {
        assert_eq!(
            method_name("deletePhonlineVoicemailGreeting", false, false),
            "delete_phoneline_voicemail_greeting"
        );
        assert_eq!(
            method_name("getGroupVoicemail", true, true),
            "list_group_voicemails"
        );
        for (op, name, why) in RENAMES {
            let verb = name.split('_').next().unwrap_or_default();
            assert!(VERBS.contains(&verb), "{op} → {name}");
            assert!(!why.is_empty(), "{op} needs a reason");
            assert_ne!(&super::super::field_name(op), name, "{op}: a no-op rename");
        }
    }

    #[test]
    fn skipped_operations_say_why() {
        assert!(skipped("getAllUsers").is_some_and(|why| why.contains("list_web_users")));
        assert_eq!(skipped("getUser"), None);
        for (op, why) in SKIPS {
            assert!(!why.is_empty(), "{op} needs a reason");
        }
    }

    #[test]
    fn statuses_get_meanings_made_from_the_facts() {
        let param = |json: &str| super::super::Param {
            json: json.to_owned(),
            rust: super::super::field_name(json),
            ty: Ty::String,
            required: true,
        };
        assert_eq!(
            status_meaning(
                404,
                &[param("userId"), param("phonelineId"), param("voicemailId")]
            )
            .as_deref(),
            Some("no such `userId`, `phonelineId` or `voicemailId`")
        );
        assert_eq!(
            status_meaning(404, &[param("userId")]).as_deref(),
            Some("no such `userId`")
        );
        assert_eq!(
            status_meaning(404, &[]),
            None,
            "nothing to add to \"not found\""
        );
        assert_eq!(
            status_meaning(402, &[]).as_deref(),
            Some("insufficient funds")
        );
        assert!(status_meaning(403, &[]).is_some_and(|m| m.contains("booked")));
        assert_eq!(status_meaning(418, &[]), None);
    }

    #[test]
    fn secrets_are_found_by_name() {
        for name in ["password", "passwordRepeat", "clientSecret", "nonce"] {
            assert!(is_secret(name), "{name}");
        }
        for name in ["clientId", "name", "privacyUrl", "authorizationTokenUrl"] {
            assert!(!is_secret(name), "{name}");
        }
    }

    #[test]
    fn exclusions_say_why_and_are_not_skips() {
        for (op, why) in EXCLUSIONS {
            assert!(!why.is_empty(), "{op} needs a reason");
            assert_eq!(skipped(op), None, "{op}");
        }
        assert!(excluded("getEvents").is_some_and(|why| why.contains("internal")));
        assert_eq!(excluded("getBalance"), None);
    }

    #[test]
    fn ids_come_from_the_tables() {
        assert_eq!(param_id("userId"), Some("WebuserId"));
        assert_eq!(param_id("extension"), Some("ExtensionId"));
        assert_eq!(param_id("phoneNumber"), None);
        assert_eq!(field_id("UserResponse", "id"), Some("WebuserId"));
        assert_eq!(field_id("GroupFaxlineResponse", "groupId"), None);
        assert!(belongs_to_a_webuser("/{userId}/phonelines"));
        assert!(!belongs_to_a_webuser("/users/{userId}"));
        assert!(!belongs_to_a_webuser("/groups"));
    }
}
