//! Snapshots of the exporters on a small document: any change to what users load shows up as a
//! reviewable diff (`cargo insta review`).

use policykg::Format;

const DOC: &str = "\
A Short Memo on Tariffs

Jane Doe*

* Jane Doe is a fellow at an institute.

Introduction

The U.S. imposed tariffs in 2025.¹ Officials called them “unjustified”.² A \"quoted\" claim with a backslash \\\\ too.³

¹ Jane Doe and John Roe, “Tariffs and Trade,” *Journal of Trade* 4, no. 2 (May/June 2024): 10–20, <https://doi.org/10.1000/jt.42>.

² Ibid., 12.

³ Ministry of Commerce, “Statement on \"Tariffs\",” press release, March 3, 2025, accessed March 1, 2025, <https://example.gov/statement/>.
";

/// Every file of the format, each after a `== NAME ==` line when there are several.
fn render(format: Format) -> String {
    let g = policykg::build_text("memo", "memo.md", DOC);
    let files = format.files("memo", &g);
    let several = files.len() > 1;
    files
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).expect("UTF-8 output");
            if several {
                format!("== {name} ==\n{text}")
            } else {
                text
            }
        })
        .collect()
}

#[test]
fn json_export() {
    insta::assert_snapshot!(render(Format::Json));
}

/// `--schema 1`: the same bytes as the JSON was before `policykg/2` (this snapshot is the one
/// `json_export` had then).
#[test]
fn json_export_schema_1() {
    insta::assert_snapshot!(render_v1(Format::Json));
}

fn render_v1(format: Format) -> String {
    let mut g = policykg::build_text("memo", "memo.md", DOC);
    g.to_v1();
    format
        .files("memo", &g)
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).expect("UTF-8 output"))
        .collect()
}

#[test]
fn dot_export() {
    insta::assert_snapshot!(render(Format::Dot));
}
