//! The first-class commands that call the API, each with the operations it sends.
//!
//! One row per (command, operation): the command words as typed after `sipgateio`, and the
//! `operationId` of the committed API description
//! (`crates/sipgateio-sandbox/api/sipgate-api.json`). A command that sends several operations
//! has several rows; an operation that several commands send appears once per command.
//!
//! `sipgateio api --list` shows the command beside each operation, and `cargo xtask coverage`
//! reads this table from the source to count the operations with a first-class command: keep
//! one row per line, written exactly as `("<command words>", "<operationId>"),`. A unit test
//! checks that each command parses (`sipgateio <words> --help`) and that each operation is in
//! the description.

/// (command words, operationId) for every first-class command that calls the API.
// One row per line, however long: `cargo xtask coverage` reads the rows line by line.
#[rustfmt::skip]
pub(crate) const OPERATIONS: &[(&str, &str)] = &[
    // sms
    ("sms send", "sendWebSms"),
    ("sms schedule", "sendWebSms"),
    ("sms extensions", "getSmsExtensions"),
    ("sms caller-ids list", "getSmsCallerIds"),
    ("sms caller-ids add", "addCallerId"),
    ("sms caller-ids verify", "verifyCallerId"),
    ("sms caller-ids set-default", "editCallerId"),
    ("sms caller-ids delete", "deleteSmsCallerId"),
    // fax
    ("fax send", "sendFax"),
    ("fax status", "getHistoryById"),
    ("fax lines", "getUserFaxlines"),
    ("fax resend", "resendFax"),
    ("fax lines list", "getUserFaxlines"),
    ("fax lines create", "createFaxline"),
    ("fax lines delete", "deleteFaxline"),
    ("fax lines rename", "changeFaxlineAlias"),
    ("fax lines tagline", "changeTagline"),
    ("fax lines caller-id", "getFaxlineCallerId"),
    ("fax lines caller-id", "changeFaxlineCallerIdSettings"),
    ("fax lines numbers", "getFaxlineNumbers"),
    // call, calls
    ("call start", "newCall"),
    ("calls list", "getCalls"),
    ("calls mute", "setCallMuted"),
    ("calls hold", "setCallHold"),
    ("calls record", "setCallRecording"),
    ("calls announce", "startCallAnnouncement"),
    ("calls dtmf", "sendCallDtmf"),
    ("calls transfer", "transferCall"),
    ("calls hangup", "hangupCall"),
    // contacts
    ("contacts list", "getContacts"),
    ("contacts create", "createContact"),
    ("contacts delete", "deleteContact"),
    ("contacts update", "getContacts"),
    ("contacts update", "updateContact"),
    ("contacts import-google", "importFromGoogle"),
    ("contacts import", "importFromCSV"),
    ("contacts import", "createContact"),
    ("contacts export", "getContacts"),
    // history
    ("history list", "getHistory"),
    ("history get", "getHistoryById"),
    ("history update", "updateHistoryEntries"),
    ("history update", "updateHistoryEntry"),
    ("history delete", "deleteHistoryEntries"),
    ("history export", "getHistoryCSV"),
    // numbers, devices, voicemails
    ("numbers list", "getNumbers"),
    ("numbers list", "getUserNumbers"),
    ("numbers route", "changeNumberSettings"),
    ("numbers quick-dial add", "addQuickDialNumber"),
    ("numbers quick-dial change", "changeQuickDialNumber"),
    ("numbers quick-dial delete", "deleteQuickDialNumber"),
    ("numbers quick-dial check", "validateQuickDialNumber"),
    ("devices list", "getDevices"),
    ("devices get", "getDevice"),
    ("devices settings", "getCallerId"),
    ("devices settings", "getLocalprefix"),
    ("devices settings", "getSingleRowDisplay"),
    ("devices settings", "getTariffAnnouncement"),
    ("devices create register", "createRegisterDevice"),
    ("devices create mobile", "createMobileDevice"),
    ("devices create external", "createExternalDevice"),
    ("devices rename", "changeDeviceAlias"),
    ("devices delete", "deleteDevice"),
    ("devices dnd", "changeDeviceSettings"),
    ("devices caller-id get", "getCallerId"),
    ("devices caller-id set", "changeCallerIdSettings"),
    ("devices local-prefix set", "changeLocalprefixSettings"),
    ("devices local-prefix off", "changeLocalprefixSettings"),
    ("devices single-row-display", "changeSingleRowDisplay"),
    ("devices tariff-announcement", "changeTariffAnnouncement"),
    ("devices target-number", "changeTargetNumberOfDevice"),
    ("devices incoming-call-display", "changeCallerDisplayOfDevice"),
    ("devices reset-password", "changeDevicePassword"),
    ("devices contingents", "getDeviceContingents"),
    ("devices sim order", "orderSim"),
    ("devices sim activate", "activateSim"),
    ("devices sim deactivate", "deactivateSim"),
    ("voicemails list", "getVoicemails"),
    ("voicemails get", "getVoicemail"),
    ("voicemails record-greeting", "newRecording"),
    ("voicemails record-ivr", "newIvrRecording"),
    ("voicemails play", "playRecording"),
    // users
    ("users list", "getAllUsers"),
    ("users whoami", "userinfo"),
    ("users get", "getUser"),
    ("users set-default-device", "setDefaultDevice"),
    ("users set-role", "setRole"),
    ("users busy-on-busy", "setBusyOnBusySetting"),
    // account
    ("account get", "getAccount"),
    ("account balance", "getBalance"),
    // phonelines
    ("phonelines list", "getPhonelines"),
    ("phonelines get", "getPhoneline"),
    ("phonelines forwardings", "getPhonelineForwardings"),
    ("phonelines set-forwardings", "setPhonelineForwardingSettings"),
    ("phonelines clear-forwardings", "setPhonelineForwardingSettings"),
    ("phonelines parallel-forwardings", "getPhonelineParallelForwardings"),
    ("phonelines add-parallel-forwarding", "addParallelForwarding"),
    ("phonelines delete-parallel-forwarding", "deleteParallelForwardingSettings"),
    ("phonelines numbers", "getPhonelineNumbers"),
    ("phonelines devices", "getDevicesForPhoneline"),
    ("phonelines add-device", "addDeviceToPhoneline"),
    ("phonelines remove-device", "removeDeviceFromPhoneline"),
    ("phonelines webhooks", "getSipgateIoSettings"),
    ("phonelines set-webhooks", "getSipgateIoSettings"),
    ("phonelines set-webhooks", "setSipgateIoSettings"),
    // groups
    ("groups list", "getGroups"),
    ("groups get", "getGroup"),
    ("groups users", "getGroupUsers"),
    ("groups numbers", "getGroupNumbers"),
    ("groups add-device", "addDeviceToGroup"),
    ("groups remove-device", "removeDeviceFromGroup"),
    // webhook log
    ("webhook log", "getWebhooksLog"),
    ("webhook log", "getSipgateIoLogs"),
    // webhook-settings
    ("webhook-settings get", "getSipgateIoUrls"),
    ("webhook-settings set-incoming", "setSipgateIoUrls"),
    ("webhook-settings set-outgoing", "setSipgateIoUrls"),
    ("webhook-settings clear-incoming", "setSipgateIoUrls"),
    ("webhook-settings clear-outgoing", "setSipgateIoUrls"),
    ("webhook-settings whitelist set", "setSipgateIoUrls"),
    ("webhook-settings whitelist clear", "setSipgateIoUrls"),
    ("webhook-settings whitelist disable", "setSipgateIoUrls"),
    ("webhook-settings log", "setSipgateIoUrls"),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use clap::CommandFactory as _;

    use super::OPERATIONS;

    /// The operation ids of the committed API description.
    fn operation_ids() -> BTreeSet<String> {
        let description: serde_json::Value = serde_json::from_str(include_str!(
            "../../../sipgateio-sandbox/api/sipgate-api.json"
        ))
        .expect("the committed description is JSON");
        let paths = description["paths"].as_object().expect("paths");
        paths
            .values()
            .filter_map(serde_json::Value::as_object)
            .flat_map(|methods| methods.values())
            .filter_map(|operation| operation["operationId"].as_str())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_command_exists_and_every_operation_is_in_the_description() {
        let ids = operation_ids();
        assert!(ids.len() > 100, "read {} operation ids", ids.len());
        for (words, operation) in OPERATIONS {
            assert!(
                ids.contains(*operation),
                "`{words}`: no operation `{operation}` in the API description"
            );
            // Each word is a subcommand of the one before (not a positional value)…
            let mut command = crate::cli::Cli::command();
            for word in words.split_whitespace() {
                command = command
                    .find_subcommand(word)
                    .unwrap_or_else(|| panic!("`{words}`: no subcommand `{word}`"))
                    .clone();
            }
            // …and clap parses the whole line.
            let mut argv = vec!["sipgateio"];
            argv.extend(words.split_whitespace());
            argv.push("--help");
            let error = crate::cli::Cli::command()
                .try_get_matches_from(&argv)
                .expect_err("--help stops parsing");
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "`sipgateio {words}` is not a command: {error}"
            );
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        // clap's own checks: no two arguments of one command with the same name or flag.
        let cli = crate::cli::Cli::command();
        cli.clone().debug_assert();
        // …which miss a subcommand's flag that repeats a global one (`--timeout`): clap
        // accepts it and panics when the value is read.
        let globals: BTreeSet<String> = cli
            .get_arguments()
            .filter(|a| a.is_global_set())
            .flat_map(|a| {
                [a.get_id().to_string()]
                    .into_iter()
                    .chain(a.get_long().map(str::to_owned))
            })
            .collect();
        let mut stack: Vec<(String, clap::Command)> = cli
            .get_subcommands()
            .map(|c| (c.get_name().to_owned(), c.clone()))
            .collect();
        while let Some((words, command)) = stack.pop() {
            for arg in command.get_arguments() {
                let id = arg.get_id().to_string();
                assert!(
                    !globals.contains(&id) && arg.get_long().is_none_or(|l| !globals.contains(l)),
                    "`sipgateio {words}`: `{id}` repeats a global option"
                );
            }
            stack.extend(
                command
                    .get_subcommands()
                    .map(|c| (format!("{words} {}", c.get_name()), c.clone())),
            );
        }
    }

    #[test]
    fn rows_are_unique() {
        let mut seen = BTreeSet::new();
        for row in OPERATIONS {
            assert!(seen.insert(row), "{row:?} is listed twice");
        }
    }
}
