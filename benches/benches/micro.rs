//! Micro-benchmarks: XML rendering, webhook form parsing and signature verification.
//! `cargo bench -p sipgateio-benchmarks --bench micro`

use std::hint::black_box;

use criterion::{Criterion, criterion_main};
use sipgateio_benchmarks::{gather_answer, signed_new_call_body, signed_new_call_signature};
use sipgateio_webhook::xml::{Dial, Response};
use sipgateio_webhook::{Event, PublicKey};

fn xml(c: &mut Criterion) {
    let gather = gather_answer();
    c.bench_function("xml/render gather", |b| {
        b.iter(|| black_box(&gather).to_xml())
    });
    let dial = Response::dial(
        Dial::numbers(["+4921100000", "+4921100001", "+4921100002"])
            .caller_id("+4921199999")
            .anonymous(true),
    )
    .and_then(|r| r.on_answer("https://example.com/hook"))
    .unwrap_or_else(|_| Response::hang_up());
    c.bench_function("xml/render dial 3 targets", |b| {
        b.iter(|| black_box(&dial).to_xml())
    });
}

fn form(c: &mut Criterion) {
    let body = signed_new_call_body().as_bytes();
    c.bench_function("webhook/parse newCall form", |b| {
        b.iter(|| Event::from_form(black_box(body)))
    });
    let dtmf = b"event=dtmf&callId=123456&dtmf=1234&xcid=abc";
    c.bench_function("webhook/parse dtmf form", |b| {
        b.iter(|| Event::from_form(black_box(dtmf)))
    });
}

fn signature(c: &mut Criterion) {
    let key = PublicKey::sipgate();
    let body = signed_new_call_body().as_bytes();
    let signature = signed_new_call_signature();
    assert!(key.verify(body, signature), "the test vector must verify");
    c.bench_function("webhook/verify signature (RSA-4096)", |b| {
        b.iter(|| key.verify(black_box(body), black_box(signature)))
    });
}

mod group {
    #![allow(missing_docs)]
    use super::{form, signature, xml};
    criterion::criterion_group!(micro, xml, form, signature);
}
use group::micro;
criterion_main!(micro);
