//! The devices of sipgate web users, for the sipgate.io Rust SDK: list and read them, create
//! VoIP phones, mobiles and external phones, change their settings, manage SIM cards, delete
//! them.
//!
//! [`DevicesClient`] (`client.devices()` with [`DevicesExt`] in scope) covers every device
//! endpoint of sipgate's REST API. The main resource takes the bare verbs, a device's
//! settings name themselves after the verb:
//!
//! | what | for the authenticated user / for a given [`WebuserId`] |
//! |---|---|
//! | list a user's devices | [`list`](DevicesClient::list) / [`list_of`](DevicesClient::list_of) |
//! | create a device | [`create_register`](DevicesClient::create_register) (VoIP phone, with its [`SipCredentials`]), [`create_mobile`](DevicesClient::create_mobile) (with its [`SimCredentials`]), [`create_external`](DevicesClient::create_external) (a number calls ring at), [`create`](DevicesClient::create) (by [`NewDeviceType`]); each with `_of` |
//! | a device's mobile data and other contingents | [`list_contingents`](DevicesClient::list_contingents) / [`list_contingents_of`](DevicesClient::list_contingents_of) |
//! | SIM cards | [`activate_sim`](DevicesClient::activate_sim), [`deactivate_sim`](DevicesClient::deactivate_sim), [`order_sim`](DevicesClient::order_sim); each with `_of` |
//!
//! One device, by its [`DeviceId`]: [`get`](DevicesClient::get),
//! [`update`](DevicesClient::update) (do not disturb, emergency address: a [`DeviceUpdate`]),
//! [`delete`](DevicesClient::delete), [`set_alias`](DevicesClient::set_alias),
//! [`get_caller_id`](DevicesClient::get_caller_id) / [`set_caller_id`](DevicesClient::set_caller_id),
//! [`get_local_prefix`](DevicesClient::get_local_prefix) /
//! [`enable_local_prefix`](DevicesClient::enable_local_prefix) /
//! [`disable_local_prefix`](DevicesClient::disable_local_prefix),
//! [`get_single_row_display`](DevicesClient::get_single_row_display) and
//! [`get_tariff_announcement`](DevicesClient::get_tariff_announcement) with their
//! `enable_`/`disable_` pairs, [`reset_password`](DevicesClient::reset_password) (a new SIP
//! password), and for external phones [`set_target_number`](DevicesClient::set_target_number)
//! and [`set_incoming_call_display`](DevicesClient::set_incoming_call_display).
//!
//! A [`Device`] has its [`DeviceType`] (registered VoIP phone, mobile, external phone, or
//! [`DeviceType::Unknown`] for kinds added later), its online and do-not-disturb state, and the
//! phonelines and groups ([`ActiveRouting`]) whose calls ring on it. Passwords and PUKs are
//! [`Secret`](sipgateio_core::Secret)s: `Debug` shows `***`.
//!
//! # Example
//!
//! Every input is checked before a request is sent, and the error names the argument:
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_devices::{DeviceId, DeviceUpdate, DevicesExt, WebuserId};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//! let devices = client.devices();
//!
//! // An empty web user id is rejected before any request is sent…
//! let error = devices.list_of(&WebuserId::new("")).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("webuser_id"));
//!
//! // …and so are a number that is not in E.164 form and an update that changes nothing.
//! let home = WebuserId::new("w0");
//! let error = devices.create_external_of(&home, "Home", "0211 123456").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("number"));
//! let error = devices.update(&DeviceId::new("e0"), &DeviceUpdate::new()).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("update"));
//! # Ok(()) }
//! ```
//!
//! Provisioning a colleague's phones against the API:
//!
//! ```no_run
//! use sipgateio_devices::{AddressId, DeviceUpdate, DevicesExt, DisplayNumber, WebuserId};
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! let grace = WebuserId::new("w1");
//! let devices = client.devices();
//!
//! // A desk phone: configure it with the SIP credentials sipgate answers.
//! let phone = devices.create_register_of(&grace, "Desk phone of Grace").await?;
//! if let Some(sip) = &phone.credentials {
//!     let password = sip.password.as_ref().map(|p| p.expose());
//!     println!("user {:?} server {:?} password {password:?}", sip.username, sip.sip_server);
//! }
//! devices.set_caller_id(&phone.device.id, "+4921100000").await?;
//! devices.enable_local_prefix(&phone.device.id, "0211").await?;
//!
//! // Her home phone rings too, and shows who calls.
//! let home = devices.create_external_of(&grace, "Home", "+4921112345").await?;
//! devices.set_incoming_call_display(&home.device.id, DisplayNumber::Caller).await?;
//!
//! // A mobile with a SIM card sent to the office.
//! let mobile = devices.create_mobile_of(&grace, "Mobile of Grace").await?;
//! devices.order_sim_of(&grace, &mobile.device.id, &AddressId::new("1234")).await?;
//!
//! // Quiet hours on the desk phone; then list what she has.
//! devices.update(&phone.device.id, &DeviceUpdate::new().dnd(true)).await?;
//! for device in devices.list_of(&grace).await? {
//!     println!("{} {} {:?} online={}", device.id, device.alias, device.device_type, device.online);
//! }
//! # Ok(()) }
//! ```
//!
//! # Errors
//!
//! Errors are [`sipgateio_core::Error`]. A 401 is
//! [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized), a 403
//! [`Error::Forbidden`](sipgateio_core::Error::Forbidden) with the endpoint's meaning (a
//! missing scope; "feature not booked" for caller id and tariff announcement; sipgate answers
//! 403 for an unknown device when renaming and for an unknown user or device when ordering a
//! SIM card) and a 404 [`Error::NotFound`](sipgateio_core::Error::NotFound) (no such web user
//! or device), each with the server's message. `activePhonelines` and `activeGroups` are empty
//! lists when the API leaves them out. Every function carries sipgate's operation id as a doc
//! alias (search the docs for `createRegisterDevice`).

mod client;
mod input;
mod model;

pub use client::{DevicesClient, DevicesExt};
pub use input::{DeviceUpdate, DisplayNumber, NewDeviceType};
pub use model::{
    ActiveRouting, Contingent, Device, DeviceType, ExternalDevice, IncomingCallDisplay,
    LocalPrefix, MobileDevice, RegisterDevice, Registration, SimCredentials, SimState,
    SipCredentials,
};
pub use sipgateio_types::{AddressId, DeviceId, GroupId, PhonelineId, SimId, WebuserId};
