//! The contacts benchmark's input looks like the API's answer: every field, in the order of
//! `ContactResponse` in sipgate's API description.

use sipgateio_contacts_format::Contact;

#[test]
fn a_generated_contact_has_the_api_fields_in_the_api_order() {
    let line = sipgateio_benchmarks::contact_json(7);
    let keys = [
        "\"id\":\"c7\"",
        "\"name\":\"Given7 Family7\"",
        "\"picture\":null",
        "\"emails\":[{\"email\":\"person7@example.com\",\"type\":[\"work\"]}]",
        "\"numbers\":[{\"number\":\"+4921100000007\",\"type\":[\"cell\"]}]",
        "\"addresses\":[{\"poBox\":\"\",\"extendedAddress\":\"\",\"streetAddress\":\"Gladbacher Str. 7\",\
         \"locality\":\"Düsseldorf\",\"region\":\"NRW\",\"postalCode\":\"40219\",\"country\":\"Germany\"}]",
        "\"organization\":[[\"sipgate\",\"Support\"]]",
        "\"scope\":\"PRIVATE\"",
    ];
    assert_eq!(line, format!("{{{}}}", keys.join(",")));
    let contact: Contact = serde_json::from_str(&line).expect("the SDK decodes it");
    assert_eq!(contact.numbers[0].number, "+4921100000007");
}
