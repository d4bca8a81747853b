//! Marker regions: generated text lives between a start and an end marker line of a file that is
//! otherwise written by hand, so regeneration never touches the hand-written parts.

/// One marker region of a file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Region<'a> {
    /// The start marker as it appears on its line (e.g. `# codegen:features:start`).
    pub start: &'a str,
    /// The end marker as it appears on its line.
    pub end: &'a str,
}

impl<'a> Region<'a> {
    /// A region named by its two markers.
    pub(crate) const fn new(start: &'a str, end: &'a str) -> Self {
        Self { start, end }
    }
}

/// Replaces the lines between the start and the end marker line of `region` with `lines`.
///
/// Each generated line gets the text that stands before the start marker on its line (its
/// indentation, or a `//! ` doc-comment prefix), so a region inside crate docs or an indented
/// module stays well-formed. An empty generated line gets the prefix without trailing spaces.
/// The marker lines themselves are kept byte for byte.
pub(crate) fn replace_region(
    text: &str,
    region: Region<'_>,
    lines: &[String],
) -> Result<String, String> {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    let find = |marker: &str, from: usize| {
        all.iter()
            .enumerate()
            .skip(from)
            .filter(|(_, line)| line.contains(marker))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let starts = find(region.start, 0);
    let start = match starts.as_slice() {
        [one] => *one,
        [] => return Err(format!("marker `{}` not found", region.start)),
        _ => return Err(format!("marker `{}` appears more than once", region.start)),
    };
    let end = match find(region.end, 0).as_slice() {
        [one] if *one > start => *one,
        [] => return Err(format!("marker `{}` not found", region.end)),
        [_] => {
            return Err(format!(
                "marker `{}` comes before `{}`",
                region.end, region.start
            ));
        }
        _ => return Err(format!("marker `{}` appears more than once", region.end)),
    };
    let start_line = all[start];
    let prefix = &start_line[..start_line.find(region.start).unwrap_or(0)];
    let newline = if start_line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };

    let mut out = String::with_capacity(text.len());
    all[..=start].iter().for_each(|l| out.push_str(l));
    for line in lines {
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
        out.push_str(newline);
    }
    all[end..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// A small line diff (longest common subsequence) for drift messages: `-` lines are in the
/// committed file, `+` lines are what the generator produces. Only changed lines and up to two
/// lines of context around them are shown.
pub(crate) fn line_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, usize, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', i + 1, a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', i + 1, a[i]));
            i += 1;
        } else {
            ops.push(('+', i + 1, b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        let lo = k.saturating_sub(2);
        let hi = (k + 2).min(ops.len() - 1);
        ops[lo..=hi].iter().any(|(op, _, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line_no, text)) in ops.iter().enumerate() {
        if near_change(k) {
            if skipped || (out.is_empty() && k > 0) {
                out.push_str(&format!("@@ line {line_no}\n"));
            }
            skipped = false;
            out.push_str(&format!("{op}{text}\n"));
        } else {
            skipped = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGION: Region<'static> = Region::new("# gen:start", "# gen:end");

    #[test]
    fn replaces_only_the_region() {
        let text = "a = 1\n# gen:start\nold\n# gen:end\nb = 2\n";
        let out = replace_region(text, REGION, &["x".into(), "y".into()]).expect("markers");
        assert_eq!(out, "a = 1\n# gen:start\nx\ny\n# gen:end\nb = 2\n");
    }

    #[test]
    fn generated_lines_take_the_prefix_of_the_start_marker() {
        let text = "//! top\n//! <!-- t:start -->\n//! <!-- t:end -->\nfn x() {}\n";
        let region = Region::new("<!-- t:start -->", "<!-- t:end -->");
        let out = replace_region(text, region, &["| a |".into(), String::new()]).expect("markers");
        assert_eq!(
            out,
            "//! top\n//! <!-- t:start -->\n//! | a |\n//!\n//! <!-- t:end -->\nfn x() {}\n"
        );
    }

    #[test]
    fn indentation_is_kept() {
        let text = "mod m {\n    # gen:start\n    # gen:end\n}\n";
        let out = replace_region(text, REGION, &["use x;".into()]).expect("markers");
        assert_eq!(
            out,
            "mod m {\n    # gen:start\n    use x;\n    # gen:end\n}\n"
        );
    }

    #[test]
    fn regenerating_is_idempotent() {
        let text = "# gen:start\n# gen:end\n";
        let lines = vec!["one".to_owned()];
        let once = replace_region(text, REGION, &lines).expect("markers");
        let twice = replace_region(&once, REGION, &lines).expect("markers");
        assert_eq!(once, twice);
    }

    #[test]
    fn missing_duplicated_or_reversed_markers_are_errors() {
        let missing = replace_region("# gen:start\n", REGION, &[]).expect_err("no end");
        assert!(missing.contains("# gen:end"), "{missing}");
        let twice = "# gen:start\n# gen:start\n# gen:end\n";
        let err = replace_region(twice, REGION, &[]).expect_err("duplicate");
        assert!(err.contains("more than once"), "{err}");
        let reversed = replace_region("# gen:end\n# gen:start\n", REGION, &[]).expect_err("order");
        assert!(reversed.contains("comes before"), "{reversed}");
    }

    #[test]
    fn diff_shows_removed_and_added_lines() {
        let diff = line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
        assert!(diff.contains("-b\n"), "{diff}");
        assert!(diff.contains("+B\n"), "{diff}");
        assert!(diff.contains("+d\n"), "{diff}");
        assert!(diff.contains(" a\n"), "{diff}");
        assert_eq!(line_diff("same\n", "same\n"), "");
    }
}
