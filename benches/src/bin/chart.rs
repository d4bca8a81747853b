//! `chart <webhook.jsonl> <contacts.jsonl> <out.svg>`: the chart of `benches/run.sh all` —
//! requests per second and peak memory of each webhook server, and the contacts timings
//! (largest row count), ours (orange) beside Node's (green), one chart per row of the page so
//! that every label fits. SVG through plotters (text as SVG `<text>`).

use plotters::prelude::*;

type Fallible<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn lines(path: &str) -> Fallible<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect())
}

/// One bar: its label, value and whether it is Node's.
struct Bar {
    label: String,
    value: f64,
    node: bool,
}

fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    unit: &str,
    bars: &[Bar],
) -> Fallible
where
    DB::ErrorType: 'static,
{
    let top = bars.iter().map(|bar| bar.value).fold(0.0, f64::max) * 1.15;
    let count = bars.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 18))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..count as f64, 0f64..top.max(1.0))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .y_desc(unit)
        .label_style(("sans-serif", 12))
        .y_label_formatter(&|v| {
            if top >= 10.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        })
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let color = if bar.node {
            RGBColor(120, 160, 90)
        } else {
            RGBColor(200, 90, 40)
        };
        Rectangle::new(
            [(i as f64 + 0.15, 0.0), (i as f64 + 0.85, bar.value)],
            color.filled(),
        )
    }))?;
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let value = if bar.value >= 100.0 {
            format!("{:.0}", bar.value)
        } else {
            format!("{:.1}", bar.value)
        };
        Text::new(
            value,
            (i as f64 + 0.2, bar.value + top * 0.05),
            ("sans-serif", 12),
        )
    }))?;
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        Text::new(
            bar.label.clone(),
            (i as f64 + 0.15, -top * 0.04),
            ("sans-serif", 11),
        )
    }))?;
    Ok(())
}

/// Whether a webhook server of the run is Node's (`node-unsigned`, `pinned-node-signed`).
fn is_node(server: &str) -> bool {
    server.split('-').any(|word| word == "node")
}

fn main() -> Fallible {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [webhook, contacts, out] = args.as_slice() else {
        return Err("usage: chart <webhook.jsonl> <contacts.jsonl> <out.svg>".into());
    };
    let webhook = lines(webhook)?;
    let contacts = lines(contacts)?;
    let server = |x: &serde_json::Value| x["server"].as_str().unwrap_or_default().to_owned();
    let throughput: Vec<Bar> = webhook
        .iter()
        .map(|x| Bar {
            label: server(x),
            value: x["per_second"].as_f64().unwrap_or_default(),
            node: is_node(&server(x)),
        })
        .collect();
    let memory: Vec<Bar> = webhook
        .iter()
        .map(|x| Bar {
            label: server(x),
            value: x["peak_rss_kib"].as_f64().unwrap_or_default() / 1024.0,
            node: is_node(&server(x)),
        })
        .collect();
    let rows = contacts
        .iter()
        .filter_map(|x| x["rows"].as_u64())
        .max()
        .unwrap_or_default();
    let timings: Vec<Bar> = contacts
        .iter()
        .filter(|x| x["rows"].as_u64() == Some(rows))
        .map(|x| {
            let implementation = x["impl"].as_str().unwrap_or_default();
            Bar {
                label: format!(
                    "{} {implementation}",
                    x["kind"].as_str().unwrap_or_default()
                ),
                value: x["seconds"].as_f64().unwrap_or_default() * 1000.0,
                node: implementation == "node",
            }
        })
        .collect();

    let root = SVGBackend::new(out, (1200, 1000)).into_drawing_area();
    root.fill(&WHITE)?;
    let [throughput_area, memory_area, contacts_area] = {
        let areas = root.split_evenly((3, 1));
        let mut areas = areas.into_iter();
        match (areas.next(), areas.next(), areas.next()) {
            (Some(a), Some(b), Some(c)) => [a, b, c],
            _ => return Err("three chart areas".into()),
        }
    };
    let legend = "orange: sipgateio-rs, green: sipgateio-node";
    bars(
        &throughput_area,
        &format!("webhook: requests per second (higher is better; {legend})"),
        "req/s",
        &throughput,
    )?;
    bars(
        &memory_area,
        &format!("webhook: peak memory (lower is better; {legend})"),
        "MiB",
        &memory,
    )?;
    bars(
        &contacts_area,
        &format!("contacts, {rows} rows: time (lower is better; {legend})"),
        "ms",
        &timings,
    )?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_node;

    #[test]
    fn every_node_server_of_the_run_is_drawn_as_nodes() {
        for server in ["node-unsigned", "node-signed", "pinned-node-signed"] {
            assert!(is_node(server), "{server}");
        }
        for server in [
            "ceiling",
            "rust-unsigned",
            "pinned-rust-signed",
            "pinned-ceiling",
        ] {
            assert!(!is_node(server), "{server}");
        }
    }
}
